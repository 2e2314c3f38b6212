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

/** Waits until the clock is past the second `after` (in whole seconds) began. */
async function nextSecond(after: number): Promise<void> {
  const waitMs = (after + 1) * 1000 - Date.now() + 100;
  if (waitMs > 0) await new Promise((resolveWait) => setTimeout(resolveWait, waitMs));
}

test.describe('Images page sorting', () => {
  let built: TestImage[] = [];
  let containers: string[] = [];
  let known: Known[] = [];

  // The suite's own three images, so that no other spec running beside it on the engine makes
  // containers from them and changes their counts. Built once the app is up: its start
  // removes the test resources it finds.
  test.beforeAll(async ({ stowage: _app }) => {
    const run = Date.now().toString(36);
    // Built one a second after the other, so their creation times differ at the list's
    // resolution; names, sizes and container counts each put them in yet another order.
    const plan = [
      { name: `stowage-test/sorting-b-${run}:1.0`, bytes: 100_000, containers: 0 },
      { name: `stowage-test/sorting-c-${run}:1.0`, bytes: 10_000, containers: 2 },
      { name: `stowage-test/sorting-a-${run}:1.0`, bytes: 50_000, containers: 1 },
    ];
    built = [];
    containers = [];
    known = [];
    let previous = 0;
    for (const image of plan) {
      await nextSecond(previous);
      const made = await buildTestImage({
        tag: image.name,
        files: { '/sorting.txt': 's'.repeat(image.bytes) },
      });
      built.push(made);
      containers.push(...(await createContainers(made.id, image.containers)));
      previous = await createdSeconds(made.id);
      known.push({
        id: made.id,
        Name: listedName(made),
        Size: made.size,
        Created: previous,
        Containers: image.containers,
      });
    }

    for (const key of ['Name', 'Size', 'Containers', 'Created'] as const) {
      const values = known.map((image) => image[key]);
      expect(new Set(values).size, `${key} of the test images: ${values.join(', ')}`).toBe(
        known.length,
      );
    }
  });

  test.afterAll(async () => {
    if (containers.length > 0) {
      await docker(['rm', '--force', ...containers]).catch(() => undefined);
    }
    for (const image of built) await docker(['rmi', '--force', image.id]).catch(() => undefined);
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
    await images.searchFor('stowage-test/sorting-');
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
    // From the search box: past Pull image, Build, Prune, the four filters and the list's
    // scroll region to the header row, one stop whose arrow keys go along it (Name, ID, Size).
    await images.search.focus();
    await images.shell.tabTo(images.table.getByRole('checkbox', { name: 'Select all' }), 9);
    for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowRight');
    await images.shell.expectVisibleFocus(images.sortButton('Size'));

    await page.keyboard.press('Enter');
    await expectOrder(images, 'Size', 'descending');

    await page.keyboard.press('Space');
    await expectOrder(images, 'Size', 'ascending');
  });
});
