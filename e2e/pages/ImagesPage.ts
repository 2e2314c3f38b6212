import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

export class ImagesPage {
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly search: Locator;
  readonly rows: Locator;
  readonly unreachableAlert: Locator;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Images', exact: true });
    this.search = page.getByLabel('Search images');
    this.rows = page.getByTestId('image-row');
    this.unreachableAlert = page
      .getByRole('alert')
      .filter({ hasText: 'Docker engine unreachable' });
  }

  async open(appUrl: string): Promise<void> {
    await this.shell.open(appUrl);
    await this.shell.goTo('Images');
  }

  /** The row of one image, by its full `sha256:` id. */
  row(imageId: string): Locator {
    return this.page.locator(`[data-testid="image-row"][data-image-id="${imageId}"]`);
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
}
