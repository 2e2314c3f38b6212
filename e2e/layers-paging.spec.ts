import { buildTestImage } from '../test/support/docker';
import { expect, test } from './fixtures';
import { LayersPage } from './pages/LayersPage';

test.describe('A large layer tree', () => {
  test('loads a directory of 1,200 files a page at a time as it is scrolled, sorted and searched', async ({
    page,
    appUrl,
  }) => {
    const image = await buildTestImage({
      tag: 'stowage-test/many-files:1',
      extraDockerfileLines: [
        'RUN mkdir /many && cd /many && i=0 && ' +
          'while [ $i -lt 1200 ]; do echo $i > f$(printf %04d $i); i=$((i+1)); done',
      ],
    });
    const layers = new LayersPage(page);
    await layers.inspect(appUrl, image.id);
    await layers.layerRows.last().click();
    await expect(layers.treeRow('many')).toHaveAttribute('data-kind', 'added');
    await expect(layers.treeRow('many/f0000')).toBeVisible();
    await expect(layers.treeRow('many/f1199')).toHaveCount(0);

    // Each time the end of what is loaded comes on screen, the next page is read.
    await expect
      .poll(
        async () => {
          await layers.tree.evaluate((element) => (element.scrollTop = element.scrollHeight));
          return layers.treeRow('many/f1199').count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    await expect(page.getByTestId('tree-status')).toHaveCount(0);

    // By size, largest first: the four-digit names hold five bytes.
    await page
      .getByRole('group', { name: 'Sort by' })
      .getByRole('button', { name: 'Size', exact: true })
      .click();
    // A new order starts at the top, wherever the last one was scrolled to.
    await expect.poll(() => layers.tree.evaluate((element) => element.scrollTop)).toBe(0);
    await expect(layers.treeRows.nth(1)).toHaveAttribute('data-path', 'many/f1000');
    await expect(layers.treeRows.nth(1)).toHaveAttribute('data-size', '5');

    // A search shows at most 1,000 matches and counts the rest.
    await page.getByLabel('Search paths').fill('many/f');
    await expect(page.getByTestId('tree-capped')).toHaveText(
      'Showing the first 1000 of 1200 matches: narrow the search to see the other 200.',
    );
    await expect(layers.treeRows.nth(1)).toHaveAttribute('data-path', 'many/f1000');
  });
});
