import { expect, test } from './fixtures';
import { ImagesPage } from './pages/ImagesPage';

test.describe('Layer inspector', () => {
  test('shows each layer with its instruction and what it changed', async ({
    page,
    appUrl,
    fixtureImages,
  }) => {
    const images = new ImagesPage(page);
    await images.open(appUrl);
    await images.row(fixtureImages.layered.id).click();
    await images.detail.getByRole('tab', { name: 'Layers' }).click();

    const layers = images.detail.getByTestId('layer-row');
    const replacing = layers.filter({ hasText: 'rm -rf /opt/app' });
    await expect(replacing).toHaveCount(1);
    await expect(layers.filter({ hasText: /COPY .*busybox/ })).toHaveCount(1);
    await expect(images.detail.getByTestId('layers-waste')).toContainText('Efficiency');

    await replacing.click();
    const changes = images.detail.getByTestId('change-row');
    await expect(changes).toHaveCount(4);
    await expect(changes.filter({ hasText: '/opt/app/new' })).toHaveAttribute('data-kind', 'added');
    await expect(
      images.detail.locator('[data-testid="change-row"][data-kind="removed"]'),
    ).toHaveCount(3);

    // Only what was removed, then a path search.
    await images.detail.getByRole('button', { name: 'added', exact: true }).click();
    await expect(changes).toHaveCount(3);
    await images.detail.getByLabel('Search paths').fill('sub');
    await expect(changes).toHaveCount(2);
  });
});
