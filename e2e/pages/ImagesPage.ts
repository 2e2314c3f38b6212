import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

export type SortColumn = 'Name' | 'ID' | 'Size' | 'Created' | 'Containers';
export type AriaSort = 'ascending' | 'descending';

const sortColumns: readonly SortColumn[] = ['Name', 'ID', 'Size', 'Created', 'Containers'];

export class ImagesPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly search: Locator;
  /** The drawn frame of the search box: the input draws no outline, its frame shows focus. */
  readonly searchFrame: Locator;
  readonly rows: Locator;
  readonly table: Locator;
  readonly unreachableAlert: Locator;
  readonly pullButton: Locator;
  readonly removeButton: Locator;
  readonly detail: Locator;
  readonly confirmDialog: Locator;
  readonly pullDialog: Locator;
  readonly removeError: Locator;
  readonly pruneButton: Locator;
  readonly buildButton: Locator;
  readonly buildDialog: Locator;
  readonly pruneDialog: Locator;
  readonly tagDialog: Locator;
  readonly pushDialog: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Images', exact: true });
    this.search = page.getByLabel('Search images');
    this.searchFrame = this.search.locator('xpath=../fieldset');
    this.rows = page.getByTestId('image-row');
    this.table = page.getByRole('region', { name: 'Image list' });
    this.unreachableAlert = page
      .getByRole('alert')
      .filter({ hasText: 'Docker engine unreachable' });
    this.pullButton = page.getByRole('button', { name: 'Pull image' });
    this.removeButton = page.getByRole('button', { name: /^Remove/ });
    this.detail = page.getByTestId('image-detail');
    this.confirmDialog = page.getByRole('dialog', { name: /^(Force-)?[Rr]emove/ });
    this.pullDialog = page.getByRole('dialog', { name: 'Pull an image' });
    this.removeError = page.getByTestId('remove-error');
    this.pruneButton = page.getByRole('button', { name: 'Prune…' });
    this.buildButton = page.getByRole('button', { name: 'Build…' });
    this.buildDialog = page.getByRole('dialog', { name: 'Build an image' });
    this.pruneDialog = page.getByRole('dialog', { name: 'Prune images' });
    this.tagDialog = page.getByRole('dialog', { name: 'Tag the image' });
    this.pushDialog = page.getByRole('dialog', { name: 'Push to a registry' });
  }

  /** One of the quick filters above the list: All, Dangling, In use, Unused. */
  filter(name: 'All' | 'Dangling' | 'In use' | 'Unused'): Locator {
    return this.page.getByRole('group', { name: 'Show images' }).getByRole('button', { name });
  }

  async open(appUrl: string): Promise<void> {
    await this.shell.open(appUrl);
    await this.shell.goTo('Images');
  }

  /** The row of one image, by its full `sha256:` id. */
  row(imageId: string): Locator {
    return this.page.locator(`[data-testid="image-row"][data-image-id="${imageId}"]`);
  }

  async searchFrameStyle(): Promise<{ width: string; color: string }> {
    const style = await this.shell.computedStyle(this.searchFrame, [
      'border-top-width',
      'border-top-color',
    ] as const);
    return { width: style['border-top-width'], color: style['border-top-color'] };
  }

  /** The button in a column's header that sorts by it. */
  sortButton(column: SortColumn): Locator {
    return this.table.getByRole('button', { name: column, exact: true });
  }

  columnHeader(column: SortColumn): Locator {
    return this.table.getByRole('columnheader', { name: column, exact: true });
  }

  async sortBy(column: SortColumn): Promise<void> {
    await this.sortButton(column).click();
  }

  /** `column` is the one the list is sorted by, in `direction`, and no other header claims it. */
  async expectSortedBy(column: SortColumn, direction: AriaSort): Promise<void> {
    await expect(this.columnHeader(column)).toHaveAttribute('aria-sort', direction);
    for (const other of sortColumns.filter((name) => name !== column)) {
      await expect(this.columnHeader(other)).not.toHaveAttribute('aria-sort');
    }
  }

  /**
   * The image ids of the rows in the DOM, top to bottom, read in one go. The list is
   * virtualised: only the rows in and near the view are there.
   */
  async rowIds(): Promise<string[]> {
    return this.rows.evaluateAll((rows: { getAttribute(name: string): string | null }[]) =>
      rows.map((row) => row.getAttribute('data-image-id') ?? ''),
    );
  }

  /** The ids of `known` images in the order the list shows them; any other image is skipped. */
  async orderOf(known: readonly string[]): Promise<string[]> {
    return (await this.rowIds()).filter((id) => known.includes(id));
  }

  rowsNamed(repoTag: string): Locator {
    return this.rows.filter({ hasText: repoTag });
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
  }

  /** Every row currently in the list shows `text` somewhere (name, tags or id). */
  async expectEveryRowToMention(text: string): Promise<void> {
    await expect(async () => {
      const rowTexts = await this.rows.allTextContents();
      expect(rowTexts.length).toBeGreaterThan(0);
      for (const rowText of rowTexts) expect(rowText.toLowerCase()).toContain(text.toLowerCase());
    }).toPass({ timeout: 10_000 });
  }

  /** Pulls through the dialog and waits for it to say it is done. */
  async pull(reference: string): Promise<void> {
    await this.pullButton.click();
    await this.pullDialog.getByLabel('Image reference').fill(reference);
    await this.pullDialog.getByRole('button', { name: 'Pull', exact: true }).click();
    await expect(this.pullDialog.getByTestId('pull-done')).toBeVisible({ timeout: 30_000 });
  }

  /** Selects one image, asks to remove it, and confirms. */
  async remove(imageId: string): Promise<void> {
    await this.row(imageId).click();
    await this.removeButton.click();
    await expect(this.confirmDialog).toBeVisible();
    await this.confirmDialog.getByRole('button', { name: /remove/i }).click();
  }
}
