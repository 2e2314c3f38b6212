import { docker } from '../test/support/docker';
import { expect, test } from './fixtures';
import { EnginePage } from './pages/EnginePage';

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
