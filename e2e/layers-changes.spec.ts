import { docker, TEST_LABEL, TEST_LABEL_VALUE } from '../test/support/docker';
import { expect, test } from './fixtures';
import { ContainersPage } from './pages/ContainersPage';
import { LayersPage } from './pages/LayersPage';

test.describe('A container’s read-write layer', () => {
  test('is the same file tree as a layer’s, with the sizes the engine gives', async ({
    page,
    appUrl,
    fixtureImages,
  }) => {
    const name = `stowage-test-rw-${Date.now().toString(36)}`;
    const id = (
      await docker([
        'run',
        '-d',
        '--name',
        name,
        '--label',
        `${TEST_LABEL}=${TEST_LABEL_VALUE}`,
        fixtureImages.layered.id,
        'sh',
        '-c',
        'head -c 12345 /dev/zero > /made-here && mkdir -p /var/cache/app && ' +
          'echo x > /var/cache/app/note && rm /bin/ls',
      ])
    ).trim();
    await docker(['wait', id]);

    const containers = new ContainersPage(page);
    const tree = new LayersPage(page);
    await containers.open(appUrl);
    await containers.row(name).click();
    await containers.tab('Changes').click();
    await expect(page.getByRole('tree', { name: 'Files the container changed' })).toBeVisible();
    await expect(tree.treeRow('made-here')).toHaveAttribute('data-kind', 'added');
    await expect(tree.treeRow('made-here')).toHaveAttribute('data-size', '12345');
    await expect(tree.treeRow('made-here')).toContainText('12.3 kB');
    await expect(tree.treeRow('bin/ls')).toHaveAttribute('data-kind', 'removed');
    await expect(tree.treeRow('var/cache/app/note')).toHaveAttribute('data-size', '2');

    // The kinds and the search work as on a layer's tree.
    await tree.kindFilter('added').click();
    await expect(tree.treeRow('made-here')).toHaveCount(0);
    await expect(tree.treeRow('bin/ls')).toBeVisible();
    await tree.kindFilter('added').click();
    await page.getByLabel('Search paths').fill('note');
    await expect(tree.treeRow('var/cache/app/note')).toBeVisible();
    await expect(tree.treeRow('made-here')).toHaveCount(0);
    await page.getByLabel('Search paths').fill('');
    await page.getByRole('button', { name: 'Collapse all' }).click();
    await expect(tree.treeRow('var/cache')).toHaveCount(0);
    await tree.treeRow('var').click();
    await expect(tree.treeRow('var/cache')).toBeVisible();
    await docker(['rm', '-f', id]);
  });
});
