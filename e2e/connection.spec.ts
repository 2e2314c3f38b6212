import { buildTestImage, docker, type TestImage } from '../test/support/docker';
import { expect, test } from './fixtures';
import { ImagesPage } from './pages/ImagesPage';

test('the app shows the engine unreachable when it goes away and recovers without a reload', async ({
  page,
  appUrl,
  stowage: { proxy },
  fixtureImages,
}) => {
  const images = new ImagesPage(page);
  await images.open(appUrl);
  await images.shell.expectEngineState('connected');
  await expect(images.row(fixtureImages.fixture.id)).toBeVisible();
  await images.shell.markDocument();

  await proxy.cut();
  await images.shell.expectEngineState('unreachable', 10_000);
  await expect(images.unreachableAlert).toBeVisible({ timeout: 10_000 });
  // What needs the engine cannot start, and says why.
  for (const button of [images.pullButton, images.buildButton, images.pruneButton]) {
    await expect(button).toBeDisabled();
  }
  await images.pullButton.locator('xpath=..').hover();
  await expect(page.getByRole('tooltip')).toContainText('The Docker engine is unreachable.');

  // Built while the app cannot see the engine: only a fresh list after reconnecting shows it.
  const tag = `stowage-test/while-away:${Date.now()}`;
  let builtWhileAway: TestImage | undefined;
  try {
    builtWhileAway = await buildTestImage({ tag, files: { '/while-away.txt': `${tag}\n` } });

    await proxy.restore();
    // The app retries with back-off, so coming back may take longer than noticing the loss.
    await images.shell.expectEngineState('connected', 30_000);
    await expect(images.unreachableAlert).toHaveCount(0);
    for (const button of [images.pullButton, images.buildButton, images.pruneButton]) {
      await expect(button).toBeEnabled();
    }
    await expect(images.row(fixtureImages.fixture.id)).toBeVisible();
    await expect(images.row(builtWhileAway.id)).toBeVisible();
    await images.shell.expectSameDocument();
  } finally {
    if (builtWhileAway) await docker(['rmi', '--force', builtWhileAway.id]).catch(() => undefined);
  }
});
