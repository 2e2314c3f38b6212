import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { docker } from '../test/support/docker';
import { startSocketProxy } from '../test/support/socket-proxy';
import { expect, signIn, test } from './fixtures';
import { contrastRatio } from './pages/AppShell';
import { EnginePage } from './pages/EnginePage';
import { ImagesPage } from './pages/ImagesPage';

interface DockerVersion {
  Server: { Version: string; ApiVersion: string };
}

interface DockerInfo {
  Driver: string;
  NCPU: number;
  ContainersRunning: number;
}

async function dockerJson<T>(command: 'version' | 'info'): Promise<T> {
  return JSON.parse(await docker([command, '--format', '{{json .}}'])) as T;
}

test('the Engine page shows the real engine', async ({ page, appUrl }) => {
  const { Server: server } = await dockerJson<DockerVersion>('version');
  const info = await dockerJson<DockerInfo>('info');
  // The page counts the images the Images page lists (the engine's own figure also counts
  // the intermediate images of the legacy builder).
  const listed = await docker(['images', '--no-trunc', '--format', '{{.ID}}']);
  const imageCount = new Set(listed.split('\n').filter(Boolean)).size;

  const engine = new EnginePage(page);
  await engine.open(appUrl);
  await engine.shell.expectEngineState('connected');

  await expect(engine.fact('version')).toHaveText(server.Version);
  await expect(engine.fact('api-version')).toHaveText(server.ApiVersion);
  await expect(engine.fact('storage-driver')).toHaveText(info.Driver);
  await expect(engine.fact('cpus')).toHaveText(String(info.NCPU));
  await expect(engine.fact('images')).toHaveText(String(imageCount));
  await expect(engine.fact('containers-running')).toHaveText(String(info.ContainersRunning));
});

test('the Engine page lists the docker contexts and switches between them without a reload', async ({
  page,
  appUrl,
  stowage: { dockerConfigDir },
  fixtureImages,
}) => {
  const second = await startSocketProxy();
  const metaDir = join(dockerConfigDir, 'contexts', 'meta');
  const writeMeta = async (name: string, text: string): Promise<void> => {
    const dir = join(metaDir, createHash('sha256').update(name).digest('hex'));
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'meta.json'), text);
  };
  await writeMeta(
    'second',
    JSON.stringify({
      Name: 'second',
      Metadata: { Description: 'the same engine behind another proxy' },
      Endpoints: { docker: { Host: second.dockerHost } },
    }),
  );
  await writeMeta('garbled', '{ "Name": "garbled", ');

  const engine = new EnginePage(page);
  const images = new ImagesPage(page);
  try {
    await engine.open(appUrl);
    await engine.shell.expectEngineState('connected');
    await engine.shell.markDocument();
    await expect(engine.engineInUse).toHaveText('DOCKER_HOST');
    await expect(engine.context('DOCKER_HOST')).toHaveAttribute('data-in-use', 'true');
    await expect(engine.context('default')).toBeVisible();
    await expect(engine.context('second')).toContainText(second.dockerHost);
    await expect(engine.context('second')).toContainText('the same engine behind another proxy');
    await expect(engine.context('second')).toHaveAttribute('data-in-use', 'false');
    await expect(engine.useButton('DOCKER_HOST')).toBeDisabled();
    // The broken context is listed with its reason, and cannot be chosen.
    const garbled = engine.contexts.filter({ hasText: 'Broken' });
    await expect(garbled).toContainText('is not valid JSON');
    await expect(garbled.getByRole('button', { name: /^Use / })).toBeDisabled();

    await engine.useButton('second').click();
    await expect(engine.engineInUse).toHaveText('second');
    await engine.shell.expectEngineState('connected', 15_000);
    await expect(engine.context('second')).toHaveAttribute('data-in-use', 'true');
    await expect(engine.context('DOCKER_HOST')).toHaveAttribute('data-in-use', 'false');
    await expect(engine.fact('version')).not.toBeEmpty();

    await engine.shell.goTo('Images');
    await expect(images.row(fixtureImages.fixture.id)).toBeVisible();

    // The new engine goes away while the first one still answers: only the new one is lost.
    await second.cut();
    await engine.shell.expectEngineState('unreachable', 15_000);
    await expect(engine.engineInUse).toHaveText('second');
    await second.restore();
    await engine.shell.expectEngineState('connected', 30_000);

    // Back from the keyboard.
    await engine.shell.goTo('Engine');
    await engine.useButton('DOCKER_HOST').focus();
    await page.keyboard.press('Enter');
    await expect(engine.engineInUse).toHaveText('DOCKER_HOST');
    await engine.shell.expectEngineState('connected', 15_000);
    await engine.shell.goTo('Images');
    await expect(images.row(fixtureImages.fixture.id)).toBeVisible();
    await engine.shell.expectSameDocument();
  } finally {
    // Later tests in this worker expect the app on DOCKER_HOST, the proxy they control.
    if ((await engine.engineInUse.textContent().catch(() => null)) !== 'DOCKER_HOST') {
      await engine.shell.goTo('Engine').catch(() => undefined);
      await engine
        .useButton('DOCKER_HOST')
        .click()
        .catch(() => undefined);
      await expect(engine.engineInUse)
        .toHaveText('DOCKER_HOST')
        .catch(() => undefined);
    }
    await rm(join(dockerConfigDir, 'contexts'), { recursive: true, force: true });
    await second.close();
  }
});

test('the engine list reads in dark mode and its actions are reached from the keyboard', async ({
  browser,
  appUrl,
  stowage,
}) => {
  const dir = join(
    stowage.dockerConfigDir,
    'contexts',
    'meta',
    createHash('sha256').update('x').digest('hex'),
  );
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'meta.json'), JSON.stringify({ Name: 'x', Endpoints: {} }));
  const context = await browser.newContext({ colorScheme: 'dark' });
  await signIn(context, stowage);
  try {
    const engine = new EnginePage(await context.newPage());
    await engine.open(appUrl);
    await expect(engine.context('x')).toContainText('has no docker endpoint');
    const page = await engine.shell.pageColours();
    for (const text of [
      engine.context('DOCKER_HOST').getByText('DOCKER_HOST', { exact: true }),
      engine.context('x').getByTestId('engine-context-problem'),
    ]) {
      const [colour] = Object.values(await engine.shell.computedStyle(text, ['color'] as const));
      expect(
        contrastRatio(colour as string, page.background),
        `contrast of ${text}`,
      ).toBeGreaterThanOrEqual(4.5);
    }
    await engine.shell.tabTo(engine.useButton('default'), 60);
    await engine.shell.expectVisibleFocus(engine.useButton('default'));
  } finally {
    await context.close();
    await rm(join(stowage.dockerConfigDir, 'contexts'), { recursive: true, force: true });
  }
});
