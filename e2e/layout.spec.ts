import { docker, TEST_LABEL } from '../test/support/docker';
import { test } from './fixtures';
import { EcsPage } from './pages/EcsPage';
import {
  checkEveryPage,
  checkKeyboard,
  checkOpenPanes,
  checkPanes,
  seedEcs,
} from './pages/layout-checks';

const sizes = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;
const themes = ['light', 'dark'] as const;

const suffix = Date.now().toString(36);
/** Long enough to be cut short at any width, so the full text on hover is tested. */
const containerName = `stowage-e2e-layout-a-container-with-a-rather-long-name-${suffix}`;
const volumeName = `stowage-e2e-layout-volume-${suffix}`;
const networkName = `stowage-e2e-layout-network-${suffix}`;
const cluster = `layout-${suffix}`;
const family = `layout-web-${suffix}`;

let seeded = false;

test.describe('Every page at 1024×700 and 1440×900, light and dark', () => {
  // After the app's set-up (it removes labelled resources), on its fixture image.
  test.beforeAll(async ({ fixtureImages }) => {
    const label = ['--label', `${TEST_LABEL}=1`];
    await docker(['create', '--name', containerName, ...label, fixtureImages.fixture.id]);
    await docker(['volume', 'create', ...label, volumeName]);
    await docker(['network', 'create', ...label, networkName]);
  });

  for (const theme of themes) {
    test.describe(`${theme} theme`, () => {
      test.use({ colorScheme: theme });

      for (const size of sizes) {
        test(`${size.width}×${size.height}: identifying columns wide enough, no text overflows`, async ({
          page,
          appUrl,
        }, testInfo) => {
          test.setTimeout(240_000);
          const ecs = new EcsPage(page);
          if (!seeded) {
            await seedEcs(ecs, appUrl, cluster, family);
            seeded = true;
          }
          await page.setViewportSize(size);
          await ecs.shell.open(appUrl);
          const base = appUrl.split('#')[0] ?? appUrl;
          const shot = (name: string) => testInfo.outputPath(`${theme}-${size.width}-${name}.png`);
          await checkEveryPage(page, base, { containerName, volumeName }, shot);
          await checkOpenPanes(page, base, { containerName, volumeName, networkName }, shot);
          await checkPanes(page, base, containerName, shot);
          await checkKeyboard(page, base, containerName);
        });
      }
    });
  }
});
