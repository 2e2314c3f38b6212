import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker } from '../test/support/docker';
import { expect, test } from './fixtures';
import { LayersPage } from './pages/LayersPage';

test.describe('Opening an image archive', () => {
  let workDir: string;
  test.beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'stowage-e2e-archive-'));
  });
  test.afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  test('sends a saved archive from the page and shows its layers and files', async ({
    page,
    appUrl,
    fixtureImages,
  }) => {
    const archive = join(workDir, 'layered.tar');
    await docker(['save', '--output', archive, fixtureImages.layered.tags[0] ?? '']);
    const layers = new LayersPage(page);
    await layers.openSharing(appUrl);
    const inspector = page.getByTestId('archive-inspector');
    await expect(inspector.getByRole('button', { name: 'Open archive…' })).toBeEnabled();
    await page.getByTestId('archive-file-input').setInputFiles(archive);

    await expect(page.getByTestId('archive-summary')).toContainText(
      fixtureImages.layered.tags[0] ?? '',
    );
    const replacing = layers.layerRows.filter({ hasText: 'rm -rf /opt/app' });
    await expect(replacing).toHaveCount(1);
    await expect(layers.layerRows.filter({ hasText: /COPY .*busybox/ })).toHaveCount(1);
    await replacing.click();
    await expect(layers.treeRow('opt/app/new')).toHaveAttribute('data-kind', 'added');
    await expect(layers.treeRow('opt/app/x')).toHaveAttribute('data-kind', 'removed');
  });

  test('asks which image to read when the archive holds several, and reads that one', async ({
    page,
    appUrl,
    fixtureImages,
  }) => {
    const archive = join(workDir, 'two.tar');
    const [first, second] = [
      fixtureImages.layered.tags[0] ?? '',
      fixtureImages.fixture.tags[0] ?? '',
    ];
    await docker(['save', '--output', archive, first, second]);
    const layers = new LayersPage(page);
    await layers.openSharing(appUrl);
    await page.getByTestId('archive-file-input').setInputFiles(archive);

    const chooser = page.getByTestId('archive-chooser');
    await expect(chooser).toContainText('two.tar holds 2 images. Read which one?');
    await chooser.getByRole('combobox', { name: 'Image' }).click();
    await page.getByRole('option', { name: second }).click();
    await chooser.getByRole('button', { name: 'Read this image' }).click();

    await expect(page.getByTestId('archive-summary')).toContainText(second);
    await expect(chooser).toHaveCount(0);
    await expect(layers.layerRows.first()).toBeVisible();
  });

  test('says why a file that is not an image archive cannot be read', async ({ page, appUrl }) => {
    const notAnArchive = join(workDir, 'notes.txt');
    writeFileSync(notAnArchive, 'these are not the layers you are looking for\n'.repeat(50));
    const layers = new LayersPage(page);
    await layers.openSharing(appUrl);
    await page.getByTestId('archive-file-input').setInputFiles(notAnArchive);
    await expect(page.getByTestId('archive-error')).toContainText(
      'notes.txt: The archive is truncated or corrupt, or is not a tar file',
    );
    await expect(layers.layerRows).toHaveCount(0);
  });
});
