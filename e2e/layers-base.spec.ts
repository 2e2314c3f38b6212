import { expect, test } from './fixtures';
import { LayersPage } from './pages/LayersPage';

test.describe('Layer sharing of the images built on one base', () => {
  test('draws the base layers the fixture images share once, across both stacks', async ({
    page,
    appUrl,
    fixtureImages,
  }) => {
    const { fixture, layered } = fixtureImages;
    const layers = new LayersPage(page);
    await layers.openSharing(appUrl);
    // Found under either of its tags, whichever it is listed by.
    await layers.pickImage('stowage-test/fixture:latest');
    await layers.pickImage('stowage-test/layered');

    const diagram = page.getByTestId('sharing-diagram');
    await expect(diagram).toHaveAttribute('aria-label', 'Layers of 2 images');
    const shared = diagram.locator('[data-testid="layer-block"][data-shared="true"]');
    // The base's two layers: busybox and its links, each drawn once for both images.
    await expect(shared).toHaveCount(2);
    const chainIds = new Set<string>();
    for (const block of await shared.all()) {
      await expect(block).toHaveAttribute('data-images', `${fixture.id} ${layered.id}`);
      const chainId = (await block.getAttribute('data-chain-id')) ?? '';
      chainIds.add(chainId);
      await expect(diagram.locator(`[data-chain-id="${chainId}"]`)).toHaveCount(1);
    }
    expect(chainIds.size).toBe(2);
    // The fixture is nothing but the base; the layered image adds layers of its own.
    const own = (id: string) =>
      diagram.locator(`[data-testid="layer-block"][data-shared="false"][data-images="${id}"]`);
    await expect(own(fixture.id)).toHaveCount(0);
    await expect(own(layered.id).first()).toBeVisible();
    await expect(page.getByTestId('sharing-row')).toHaveCount(2);
  });
});
