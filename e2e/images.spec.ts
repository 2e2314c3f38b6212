import { buildTestImage, docker, dockerPrintedSize, type TestImage } from '../test/support/docker';
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
    const sizes: string[] = [];
    for (const image of Object.values(fixtureImages)) {
      const row = images.row(image.id);
      await expect(row).toHaveCount(1);
      for (const tag of image.tags) await expect(row).toContainText(tag);
      const size = await dockerPrintedSize(image.tags[0] as string);
      sizes.push(size);
      await expect(row).toContainText(size);
    }
    // The two fixtures differ in size, so a row showing the other image's size would fail.
    expect(new Set(sizes).size).toBe(sizes.length);
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
      await expect(row).toContainText(await dockerPrintedSize(built.tags[0] as string));

      await docker(['rmi', '--force', tag]);
      await expect(row).toHaveCount(0);
      await expect(images.row(fixtureImages.fixture.id)).toBeVisible();
      await images.shell.expectSameDocument();
    } finally {
      if (built) await docker(['rmi', '--force', built.id]).catch(() => undefined);
    }
  });

  test('an image with several tags opens under the name its row shows', async ({
    page,
    appUrl,
  }) => {
    // Built under the longer name, so the engine lists it first; the row shows the plainer.
    let built: TestImage | undefined;
    try {
      built = await buildTestImage({
        tag: 'stowage-test/team/aa-clicked:1',
        files: { '/clicked': 'c' },
      });
      await docker(['tag', built.id, 'stowage-test/zz-clicked:1']);
      const images = new ImagesPage(page);
      await images.open(appUrl);
      await expect(images.row(built.id)).toContainText('stowage-test/zz-clicked:1');
      await images.row(built.id).click();
      await expect(
        images.detail.getByRole('heading', { name: 'stowage-test/zz-clicked:1', exact: true }),
      ).toBeVisible();
    } finally {
      if (built) await docker(['rmi', '--force', built.id]).catch(() => undefined);
    }
  });
});
