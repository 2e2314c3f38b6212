import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

export class VolumesPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly search: Locator;
  readonly rows: Locator;
  readonly table: Locator;
  readonly createButton: Locator;
  readonly removeButton: Locator;
  readonly pruneButton: Locator;
  readonly createDialog: Locator;
  readonly confirmDialog: Locator;
  readonly pruneDialog: Locator;
  readonly removeError: Locator;
  readonly detail: Locator;
  readonly fileRows: Locator;
  readonly filePath: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Volumes', exact: true });
    this.search = page.getByLabel('Search volumes');
    this.rows = page.getByTestId('volume-row');
    this.table = page.getByRole('region', { name: 'Volume list' });
    this.createButton = page.getByRole('button', { name: 'Create volume' });
    this.removeButton = page.getByRole('button', { name: /^Remove/ });
    this.pruneButton = page.getByRole('button', { name: 'Prune…' });
    this.createDialog = page.getByRole('dialog', { name: 'Create a volume' });
    this.confirmDialog = page.getByRole('dialog', { name: /^(Force-)?[Rr]emove/ });
    this.pruneDialog = page.getByRole('dialog', { name: 'Prune volumes' });
    this.removeError = page.getByTestId('remove-error');
    this.detail = page.getByTestId('volume-detail');
    this.fileRows = this.detail.getByTestId('file-row');
    this.filePath = this.detail.getByTestId('file-path');
  }

  async open(appUrl: string): Promise<void> {
    await this.shell.open(appUrl);
    await this.shell.nav.getByRole('link', { name: 'Volumes', exact: true }).click();
    await expect(this.heading).toBeVisible();
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="volume-row"][data-volume="${name}"]`);
  }

  fileRow(name: string): Locator {
    return this.detail.locator(`[data-testid="file-row"][data-file="${name}"]`);
  }

  /** Fills the create dialog; labels as `key=value` lines. */
  async fillCreate(name: string, labels: string): Promise<void> {
    await this.createButton.click();
    await this.createDialog.getByLabel('Name').fill(name);
    await this.createDialog.getByLabel('Labels').fill(labels);
  }

  async openFolder(name: string): Promise<void> {
    await this.detail.getByRole('button', { name: `Open ${name}`, exact: true }).click();
  }

  async confirm(label: string | RegExp): Promise<void> {
    await expect(this.confirmDialog).toBeVisible();
    await this.confirmDialog.getByRole('button', { name: label }).click();
  }
}
