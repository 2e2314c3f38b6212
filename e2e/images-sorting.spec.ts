import type { Page } from '@playwright/test';
import {
  buildTestImage,
  docker,
  TEST_LABEL,
  TEST_LABEL_VALUE,
  type TestImage,
} from '../test/support/docker';
import { expect, test } from './fixtures';
import { type AriaSort, ImagesPage, type SortColumn } from './pages/ImagesPage';

/** What each sortable column sorts by, for one image, as the engine reports it. */
interface Known {
  id: string;
  Name: string;
  Size: number;
  Created: number;
  Containers: number;
}

type Key = Exclude<SortColumn, 'ID'>;

/** When the engine says the image was made, in whole seconds as its image list gives it. */
async function createdSeconds(imageId: string): Promise<number> {
  const created = await docker(['image', 'inspect', '--format', '{{.Created}}', imageId]);
  const millis = Date.parse(created);
  if (Number.isNaN(millis)) throw new Error(`unexpected Created "${created}" for ${imageId}`);
  return Math.floor(millis / 1000);
}

/** The name the list shows an image under: its plainest tag, here the first alphabetically. */
function listedName(image: TestImage): string {
  const [first] = [...image.tags].sort();
  if (!first) throw new Error(`${image.id} has no tag`);
  return first;
}

async function createContainers(imageId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const label = `${TEST_LABEL}=${TEST_LABEL_VALUE}`;
    // Created, never started: only the count matters. The command covers images without CMD.
    ids.push(await docker(['create', '--label', label, imageId, 'true']));
  }
  return ids;
}

test.describe('Images page sorting', () => {
  let extra: TestImage | undefined;
  let containers: string[] = [];
  let known: Known[] = [];

  test.beforeAll(async ({ fixtureImages }) => {
    const { fixture, layered } = fixtureImages;
    // A whole second after the fixtures, so its creation time differs at the list's resolution.
    const fixturesCreated = Math.max(
      await createdSeconds(fixture.id),
      await createdSeconds(layered.id),
    );
    const waitMs = (fixturesCreated + 1) * 1000 - Date.now() + 100;
    if (waitMs > 0) await new Promise((resolveWait) => setTimeout(resolveWait, waitMs));
    // Between the fixtures in size (50 kB on the fixture's base, the layered one adds 100 kB)
    // and first by name, so that no two columns put the three images in the same order.
    const tag = `stowage-test/a-sorting:${Date.now()}`;
    extra = await buildTestImage({ tag, files: { '/sorting.txt': 's'.repeat(50_000) } });

    // Container counts in yet another order: layered 0, fixture 1, the extra image 2.
    containers = [
      ...(await createContainers(fixture.id, 1)),
      ...(await createContainers(extra.id, 2)),
    ];
    const counts = new Map([
      [fixture.id, 1],
      [extra.id, 2],
    ]);
    known = [];
    for (const image of [fixture, layered, extra]) {
      known.push({
        id: image.id,
        Name: listedName(image),
        Size: image.size,
        Created: await createdSeconds(image.id),
        Containers: counts.get(image.id) ?? 0,
      });
    }

    // Distinct names, sizes and counts, in three different orders (name: extra, fixture,
    // layered; size: fixture, extra, layered; containers: layered, fixture, extra), so a column
    // that sorted by another one, or not at all, would show the wrong order.
    for (const key of ['Name', 'Size', 'Containers'] as const) {
      const values = known.map((image) => image[key]);
      expect(new Set(values).size, `${key} of the test images: ${values.join(', ')}`).toBe(
        known.length,
      );
    }
    // The fixtures are built a second or so apart and may share a second; the extra image
    // comes strictly later.
    const [fixtureInfo, layeredInfo, extraInfo] = known as [Known, Known, Known];
    expect(extraInfo.Created).toBeGreaterThan(Math.max(fixtureInfo.Created, layeredInfo.Created));
  });

  test.afterAll(async () => {
    if (containers.length > 0) {
      await docker(['rm', '--force', ...containers]).catch(() => undefined);
    }
    if (extra) await docker(['rmi', '--force', extra.id]).catch(() => undefined);
  });

  /**
   * The known images' values of `key`, sorted, worked out from the engine's figures. Values,
   * not ids: two images created in the same second may come in either order.
   */
  function expectedValues(key: Key, direction: AriaSort): (string | number)[] {
    const sign = direction === 'ascending' ? 1 : -1;
    return known.map((image) => image[key]).sort((x, y) => sign * (x < y ? -1 : x > y ? 1 : 0));
  }

  /** The known images' values of `key`, in the order the list shows the images. */
  async function shownValues(images: ImagesPage, key: Key): Promise<(string | number)[]> {
    const order = await images.orderOf(known.map((image) => image.id));
    return order.map((id) => known.find((image) => image.id === id)?.[key] ?? id);
  }

  async function openSorted(page: Page, appUrl: string): Promise<ImagesPage> {
    const images = new ImagesPage(page);
    await images.open(appUrl);
    await images.shell.expectEngineState('connected');
    // Only the test images: the list is virtualised, and a busy engine could push one of the
    // known rows out of the DOM. Filtering does not change how the rest is sorted.
    await images.searchFor('stowage-test/');
    for (const image of known) {
      await expect(images.row(image.id)).toHaveCount(1);
      // The list must know the containers before their count can sort anything.
      await expect(images.row(image.id).getByRole('cell').last()).toHaveText(
        String(image.Containers),
      );
    }
    return images;
  }

  async function expectOrder(images: ImagesPage, key: Key, direction: AriaSort): Promise<void> {
    await images.expectSortedBy(key, direction);
    await expect
      .poll(() => shownValues(images, key), { message: `rows sorted by ${key}, ${direction}` })
      .toEqual(expectedValues(key, direction));
  }

  test('starts newest first', async ({ page, appUrl }) => {
    const images = await openSorted(page, appUrl);
    await expectOrder(images, 'Created', 'descending');
  });

  for (const [key, first, second] of [
    ['Name', 'ascending', 'descending'],
    ['Size', 'descending', 'ascending'],
    ['Containers', 'descending', 'ascending'],
  ] as const) {
    test(`clicking ${key} sorts by it (${first} first) and clicking again reverses`, async ({
      page,
      appUrl,
    }) => {
      const images = await openSorted(page, appUrl);
      await expectOrder(images, 'Created', 'descending');

      await images.sortBy(key);
      await expectOrder(images, key, first);

      await images.sortBy(key);
      await expectOrder(images, key, second);

      // A third click goes back to where the second left off.
      await images.sortBy(key);
      await expectOrder(images, key, first);
    });
  }

  test('clicking Created, the initial sort, reverses it and clicking again restores it', async ({
    page,
    appUrl,
  }) => {
    const images = await openSorted(page, appUrl);
    await expectOrder(images, 'Created', 'descending');

    await images.sortBy('Created');
    await expectOrder(images, 'Created', 'ascending');

    await images.sortBy('Created');
    await expectOrder(images, 'Created', 'descending');

    // Away and back: a column that is not the current one starts newest first again.
    await images.sortBy('Name');
    await expectOrder(images, 'Name', 'ascending');
    await images.sortBy('Created');
    await expectOrder(images, 'Created', 'descending');
  });

  test('the column headers sort from the keyboard too', async ({ page, appUrl }) => {
    const images = await openSorted(page, appUrl);
    // From the search box: past Pull image, Build, Prune, the four filters, the list's scroll
    // region and the Name and ID headers.
    await images.search.focus();
    await images.shell.tabTo(images.sortButton('Size'), 11);
    await images.shell.expectVisibleFocus(images.sortButton('Size'));

    await page.keyboard.press('Enter');
    await expectOrder(images, 'Size', 'descending');

    await page.keyboard.press('Space');
    await expectOrder(images, 'Size', 'ascending');
  });
});
