import { buildTestImage, docker, type TestImage } from '../test/support/docker';
import { formatDockerSize } from '../test/support/format';
import { expect, test } from './fixtures';
import { ImagesPage } from './pages/ImagesPage';

test.describe('Images page', () => {
  test('lists the fixture images with their tags and sizes', async ({
    page,
    appUrl,
    fixtureImages,
  }) => {
    const images = new ImagesPage(page);
    await images.open(appUrl);
    await images.shell.expectEngineState('connected');

    expect(fixtureImages.fixture.tags.sort()).toEqual([
      'stowage-test/fixture:1.0',
      'stowage-test/fixture:latest',
    ]);
    for (const image of Object.values(fixtureImages)) {
      const row = images.row(image.id);
      await expect(row).toHaveCount(1);
      for (const tag of image.tags) await expect(row).toContainText(tag);
      await expect(row).toContainText(formatDockerSize(image.size));
    }
    // The two fixtures differ in size, so a row showing the other image's size would fail.
    expect(formatDockerSize(fixtureImages.fixture.size)).not.toBe(
      formatDockerSize(fixtureImages.layered.size),
    );
  });

  test('search filters the list by name and tag', async ({ page, appUrl, fixtureImages }) => {
    const { fixture, layered } = fixtureImages;
    const images = new ImagesPage(page);
    await images.open(appUrl);
    await expect(images.row(fixture.id)).toBeVisible();
    await expect(images.row(layered.id)).toBeVisible();

    await images.searchFor('stowage-test/layered');
    await expect(images.row(fixture.id)).toHaveCount(0);
    await expect(images.row(layered.id)).toBeVisible();
    await images.expectEveryRowToMention('stowage-test/layered');

    // The second tag of an image finds it too.
    await images.searchFor('fixture:latest');
    await expect(images.row(layered.id)).toHaveCount(0);
    await expect(images.row(fixture.id)).toBeVisible();
    await images.expectEveryRowToMention('fixture:latest');

    await images.searchFor('no-image-is-called-this');
    await expect(images.rows).toHaveCount(0);

    await images.searchFor('');
    await expect(images.row(fixture.id)).toBeVisible();
    await expect(images.row(layered.id)).toBeVisible();
  });

  test('an image built or removed with the docker CLI appears and disappears without a reload', async ({
    page,
    appUrl,
    fixtureImages,
  }) => {
    const images = new ImagesPage(page);
    await images.open(appUrl);
    await expect(images.row(fixtureImages.fixture.id)).toBeVisible();
    await images.shell.markDocument();

    const tag = `stowage-test/appears:${Date.now()}`;
    let built: TestImage | undefined;
    try {
      // Its own file makes its id unique, so no earlier run's image can stand in for it.
      built = await buildTestImage({ tag, files: { '/appears.txt': `${tag}\n` } });
      const row = images.row(built.id);
      await expect(row).toBeVisible();
      await expect(row).toContainText(tag);
      await expect(row).toContainText(formatDockerSize(built.size));

      await docker(['rmi', '--force', tag]);
      await expect(row).toHaveCount(0);
      await expect(images.row(fixtureImages.fixture.id)).toBeVisible();
      await images.shell.expectSameDocument();
    } finally {
      if (built) await docker(['rmi', '--force', built.id]).catch(() => undefined);
    }
  });
});
