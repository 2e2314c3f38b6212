import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

export class NetworksPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly rows: Locator;
  readonly createButton: Locator;
  readonly removeButton: Locator;
  readonly createDialog: Locator;
  readonly confirmDialog: Locator;
  readonly detail: Locator;
  readonly attachedRows: Locator;
  readonly predefinedNote: Locator;
  readonly removeError: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Networks', exact: true });
    this.rows = page.getByTestId('network-row');
    this.createButton = page.getByRole('button', { name: 'Create network' });
    this.removeButton = page.getByRole('button', { name: /^Remove/ });
    this.createDialog = page.getByRole('dialog', { name: 'Create a network' });
    this.confirmDialog = page.getByRole('dialog', { name: /^Remove/ });
    this.detail = page.getByTestId('network-detail');
    this.attachedRows = this.detail.getByTestId('attached-row');
    this.predefinedNote = page.getByTestId('predefined-note');
    this.removeError = page.getByTestId('remove-error');
  }

  async open(appUrl: string): Promise<void> {
    await this.shell.open(appUrl);
    await this.shell.nav.getByRole('link', { name: 'Networks', exact: true }).click();
    await expect(this.heading).toBeVisible();
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="network-row"][data-network="${name}"]`);
  }

  attached(container: string): Locator {
    return this.detail.locator(`[data-testid="attached-row"][data-container="${container}"]`);
  }

  field(label: 'Name' | 'Subnet' | 'Gateway' | 'Labels'): Locator {
    return this.createDialog.getByLabel(label, { exact: true });
  }

  /** Connects a container by name through the detail panel's form. */
  async connect(container: string): Promise<void> {
    await this.detail.getByRole('combobox', { name: 'Container' }).fill(container);
    await this.detail.getByRole('button', { name: 'Connect', exact: true }).click();
  }
}
