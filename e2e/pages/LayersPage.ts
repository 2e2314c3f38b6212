import { expect, type Locator, type Page } from '@playwright/test';
import { ImagesPage } from './ImagesPage';

/** The layer inspector inside an image's detail, and the Layers page that compares images. */
export class LayersPage {
  readonly images: ImagesPage;
  readonly layerRows: Locator;
  readonly tree: Locator;
  readonly treeRows: Locator;
  readonly waste: Locator;
  readonly sharingHeading: Locator;
  readonly imagePicker: Locator;
  readonly diagram: Locator;

  constructor(readonly page: Page) {
    this.images = new ImagesPage(page);
    this.layerRows = page.getByTestId('layer-row');
    this.tree = page.getByRole('tree', { name: 'Files of the layer' });
    this.treeRows = page.getByTestId('tree-row');
    this.waste = page.getByTestId('layers-waste');
    this.sharingHeading = page.getByRole('heading', { level: 1, name: 'Layers' });
    this.imagePicker = page.getByRole('combobox', { name: 'Images to compare' });
    this.diagram = page.getByRole('img', { name: /^Layers of/ });
  }

  /** Opens an image's detail on its Layers tab. */
  async inspect(appUrl: string, imageId: string): Promise<void> {
    await this.images.open(appUrl);
    await this.images.row(imageId).click();
    await this.images.detail.getByRole('tab', { name: 'Layers' }).click();
  }

  /** A button of the kind filter above the tree: added, modified, removed, unmodified. */
  kindFilter(kind: string): Locator {
    return this.page
      .getByRole('group', { name: 'Kinds of entry shown' })
      .getByRole('button', { name: new RegExp(`^${kind}\\b`) });
  }

  treeRow(path: string): Locator {
    return this.page.locator(`[data-testid="tree-row"][data-path="${path}"]`);
  }

  async openSharing(appUrl: string): Promise<void> {
    await this.page.goto(`${appUrl.split('#')[0]}#/layers`);
    await this.sharingHeading.waitFor();
  }

  async pickImage(name: string): Promise<void> {
    await this.imagePicker.click();
    await this.imagePicker.fill(name);
    await this.page.getByRole('option', { name }).click();
    // The list stays open for the next pick.
    await expect(this.page.getByRole('listbox')).toBeVisible();
    await this.page.keyboard.press('Escape');
  }
}
