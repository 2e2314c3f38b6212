import { buildTestImage, docker, TEST_LABEL, TEST_LABEL_VALUE } from '../test/support/docker';
import { expect, test } from './fixtures';
import { LayersPage } from './pages/LayersPage';

test.describe('Layer inspector', () => {
  test('walks the layers and finds what the last one removed in its file tree', async ({
    page,
    appUrl,
    fixtureImages,
  }) => {
    const layers = new LayersPage(page);
    await layers.inspect(appUrl, fixtureImages.layered.id);

    const replacing = layers.layerRows.filter({ hasText: 'rm -rf /opt/app' });
    await expect(replacing).toHaveCount(1);
    await expect(layers.layerRows.filter({ hasText: /COPY .*busybox/ })).toHaveCount(1);
    await expect(layers.waste).toContainText('Efficiency');

    // Every layer opens its own tree; the base layer added busybox.
    await layers.layerRows.first().click();
    await expect(layers.treeRow('bin/busybox')).toHaveAttribute('data-kind', 'added');
    const count = await layers.layerRows.count();
    for (let index = 1; index < count; index++) {
      await layers.layerRows.nth(index).click();
      await expect(layers.tree).toBeVisible();
    }

    await replacing.click();
    // Changes only by default: the added file, the removed ones, their directories.
    await expect(layers.treeRow('opt/app/new')).toHaveAttribute('data-kind', 'added');
    await expect(layers.treeRow('opt/app')).toHaveAttribute('data-changed-below', 'true');
    await layers.kindFilter('added').click();
    await expect(layers.treeRows.and(page.locator('[data-kind="removed"]'))).toHaveCount(3);
    await expect(layers.treeRow('opt/app/x')).toHaveAttribute('data-kind', 'removed');
    await expect(layers.treeRow('opt/app/new')).toHaveCount(0);

    // Only what was removed, then a search and collapse all.
    await layers.page.getByLabel('Search paths').fill('sub');
    await expect(layers.treeRow('opt/app/sub/y')).toBeVisible();
    await expect(layers.treeRow('opt/app/x')).toHaveCount(0);
    await layers.page.getByLabel('Search paths').fill('');
    await page.getByRole('button', { name: 'Collapse all' }).click();
    await expect(layers.treeRows).toHaveCount(1);
    await layers.treeRow('opt').click();
    await expect(layers.treeRow('opt/app')).toBeVisible();
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect(layers.treeRow('opt/app/sub/y')).toBeVisible();
  });

  test('shows the whole filesystem up to a layer, what the layer left alone greyed', async ({
    page,
    appUrl,
    fixtureImages,
  }) => {
    const layers = new LayersPage(page);
    await layers.inspect(appUrl, fixtureImages.layered.id);
    await layers.layerRows.filter({ hasText: 'rm -rf /opt/app' }).click();
    await page.getByLabel('Aggregated').check();
    await layers.kindFilter('unchanged').click();
    await page.getByRole('button', { name: 'Collapse all' }).click();
    await expect(layers.treeRows).toHaveText([/^bin\//, /^etc\//, /^opt\//, /^srv\//]);
    await expect(layers.treeRow('srv')).toHaveAttribute('data-kind', 'lower');
    await expect(layers.treeRow('opt')).toHaveAttribute('data-changed-below', 'true');
    await page.getByLabel('Search paths').fill('busybox');
    await expect(layers.treeRow('bin/busybox')).toHaveAttribute('data-kind', 'lower');
    await page.getByLabel('Search paths').fill('opt/app/');
    await expect(layers.treeRow('opt/app/x')).toHaveAttribute('data-kind', 'removed');
    await expect(layers.treeRow('opt/app/new')).toHaveAttribute('data-kind', 'added');
    // Symlinks name their target; busybox installed its applets as links.
    await page.getByLabel('Search paths').fill('bin/sh');
    await expect(layers.treeRow('bin/sh')).toContainText('→ /bin/busybox');
    await page.getByLabel('Search paths').fill('');

    // The keyboard walks the tree.
    await layers.treeRows.first().focus();
    await page.keyboard.press('ArrowDown');
    await expect(layers.treeRows.nth(1)).toBeFocused();
  });
});

test.describe('Layer sharing', () => {
  test('draws the layers two images share once, across both stacks, with containers on top', async ({
    page,
    appUrl,
  }) => {
    // Built from the same first steps back to back, so the builder's cache gives both images
    // the same two base layers.
    const first = await buildTestImage({ tag: 'stowage-test/share-a:1', files: { '/a.txt': 'a' } });
    const second = await buildTestImage({
      tag: 'stowage-test/share-b:1',
      files: { '/b.txt': 'b'.repeat(150_000) },
    });
    const container = (
      await docker([
        'create',
        '--label',
        `${TEST_LABEL}=${TEST_LABEL_VALUE}`,
        second.tags[0] ?? '',
        '/bin/sh',
      ])
    ).trim();

    const layers = new LayersPage(page);
    await layers.openSharing(appUrl);
    await expect(page.getByTestId('sharing-empty')).toBeVisible();
    await layers.pickImage('stowage-test/share-a:1');
    await layers.pickImage('stowage-test/share-b:1');

    const diagram = page.getByTestId('sharing-diagram');
    await expect(diagram).toHaveAttribute('aria-label', 'Layers of 2 images');
    const shared = diagram.locator('[data-testid="layer-block"][data-shared="true"]');
    await expect(shared).toHaveCount(2);
    for (const block of await shared.all()) {
      await expect(block).toHaveAttribute('data-images', `${first.id} ${second.id}`);
      const chainId = await block.getAttribute('data-chain-id');
      await expect(diagram.locator(`[data-chain-id="${chainId}"]`)).toHaveCount(1);
    }
    // One block spans both stacks: from the left of the first's own layer to the right of the
    // second's.
    const own = (id: string) =>
      diagram.locator(`[data-testid="layer-block"][data-shared="false"][data-images="${id}"]`);
    const [base, left, right] = await Promise.all([
      shared.first().boundingBox(),
      own(first.id).first().boundingBox(),
      own(second.id).first().boundingBox(),
    ]);
    expect(base && left && right).toBeTruthy();
    if (base && left && right) {
      expect(base.x).toBeLessThanOrEqual(left.x + 1);
      expect(base.x + base.width).toBeGreaterThanOrEqual(right.x + right.width - 1);
      expect(right.x).toBeGreaterThan(left.x + left.width);
    }
    await expect(diagram.locator(`[data-container-id="${container}"]`)).toHaveCount(1);

    // Focus on a shared layer names its instruction and both images.
    await shared.first().focus();
    await expect(page.getByTestId('layer-details')).toContainText('COPY');
    await expect(page.getByTestId('layer-details')).toContainText(
      'Shared by stowage-test/share-a:1, stowage-test/share-b:1',
    );
    const rows = page.getByTestId('sharing-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'share-b' })).toContainText('1');
  });

  test('opens from an image’s layers with that image chosen', async ({
    page,
    appUrl,
    fixtureImages,
  }) => {
    const layers = new LayersPage(page);
    await layers.inspect(appUrl, fixtureImages.layered.id);
    await expect(layers.waste).toBeVisible();
    await page.getByRole('button', { name: 'Compare layers…' }).click();
    await expect(layers.sharingHeading).toBeVisible();
    await expect(
      page.locator(`[data-testid="sharing-row"][data-image-id="${fixtureImages.layered.id}"]`),
    ).toBeVisible();
  });
});
