import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

export class RegistriesPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly addButton: Locator;
  readonly addDialog: Locator;
  readonly signInDialog: Locator;
  readonly confirmDialog: Locator;
  readonly pushDialog: Locator;
  readonly panel: Locator;
  readonly repositories: Locator;
  readonly tags: Locator;
  readonly manifest: Locator;
  readonly layers: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Registries', exact: true });
    this.addButton = page.getByRole('button', { name: 'Add registry' });
    this.addDialog = page.getByRole('dialog', { name: 'Add a registry' });
    this.signInDialog = page.getByRole('dialog', { name: /^Sign in to / });
    this.confirmDialog = page.getByRole('dialog', { name: /^(Delete the tag|Sign out of) / });
    this.pushDialog = page.getByRole('dialog', { name: /^Push an image to / });
    this.panel = page.getByTestId('registry-panel');
    this.repositories = page.getByTestId('repository-row');
    this.tags = page.getByTestId('tag-row');
    this.manifest = page.getByTestId('manifest-detail');
    this.layers = page.getByTestId('manifest-layer');
    this.empty = page.getByTestId('registries-empty');
  }

  async open(appUrl: string): Promise<void> {
    await this.shell.open(appUrl);
    await this.shell.nav.getByRole('link', { name: 'Registries', exact: true }).click();
    await expect(this.heading).toBeVisible();
  }

  /** Adds a registry by the URL typed in, and waits for it to be the one shown. */
  async add(url: string, address: string): Promise<void> {
    await this.addButton.click();
    await this.addDialog.getByLabel('Registry address').fill(url);
    await this.addDialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(this.addDialog).toBeHidden();
    await expect(this.panel.getByRole('heading', { name: address })).toBeVisible();
  }

  registry(address: string): Locator {
    return this.page.locator(`[data-testid="registry-item"][data-registry="${address}"]`);
  }

  repository(name: string): Locator {
    return this.page.locator(`[data-testid="repository-row"][data-repository="${name}"]`);
  }

  tag(name: string): Locator {
    return this.page.locator(`[data-testid="tag-row"][data-tag="${name}"]`);
  }

  async openRepository(name: string): Promise<void> {
    await this.repository(name).getByRole('button', { name, exact: true }).click();
  }

  async openTag(name: string): Promise<void> {
    await this.tag(name).getByRole('button', { name, exact: true }).click();
    await expect(this.manifest).toBeVisible();
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.panel.getByRole('button', { name: 'Sign in', exact: true }).click();
    await this.signInDialog.getByLabel('User name').fill(username);
    await this.signInDialog.getByLabel('Password or token').fill(password);
    await this.signInDialog.getByRole('button', { name: 'Sign in', exact: true }).click();
  }
}
