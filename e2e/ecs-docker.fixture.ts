import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test as base } from '@playwright/test';
import { assertDockerAvailable, docker } from '../test/support/docker';
import { buildFixtureImages } from '../test/support/fixtures';
import { repoRoot, signIn } from './fixtures';

export { expect } from '@playwright/test';

export interface DockerEcsApp {
  /** The app's address; every test's browser context is signed in with the token. */
  appUrl: string;
  token: string;
  /** A cluster name of this run; its containers and network are removed afterwards. */
  cluster: string;
}

const clusterLabel = 'com.amazonaws.ecs.cluster';

/** The containers and the network Stowage's Docker runtime made for the cluster. */
async function removeClusterResources(cluster: string): Promise<void> {
  const ids = (await docker(['ps', '-aq', '--filter', `label=${clusterLabel}=${cluster}`]))
    .split('\n')
    .filter(Boolean);
  if (ids.length > 0) await docker(['rm', '-f', ...ids]);
  await docker(['network', 'rm', `stowage-ecs-${cluster}`]).catch(() => undefined);
}

/**
 * Browser mode with ECS tasks run as real containers on the engine (the shared fixture keeps
 * them simulated). Straight to the engine, without the socket proxy: nothing here cuts it.
 */
export const test = base.extend<object, { dockerEcs: DockerEcsApp }>({
  dockerEcs: [
    // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring.
    async ({}, use) => {
      await assertDockerAvailable();
      await buildFixtureImages();
      const workDir = await mkdtemp(join(tmpdir(), 'stowage-e2e-ecs-docker-'));
      await mkdir(join(workDir, 'home'));
      const token = randomBytes(24).toString('hex');
      const cluster = `e2e-docker-${Date.now().toString(36)}`;
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        HOME: join(workDir, 'home'),
        DOCKER_HOST: process.env.DOCKER_HOST || 'unix:///var/run/docker.sock',
        STOWAGE_TOKEN: token,
      };
      delete env.STOWAGE_ECS_RUNTIME;
      delete env.DOCKER_CONTEXT;
      const child = spawn(
        process.execPath,
        ['bin/stowage.js', 'web', '--port', '0', '--data-dir', join(workDir, 'data')],
        { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      try {
        const appUrl = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('stowage web printed no URL')), 30_000);
          child.once('exit', (code) => reject(new Error(`stowage web exited (${code})`)));
          createInterface({ input: child.stdout }).on('line', (line) => {
            const match = /Stowage is running at (\S+)/.exec(line);
            if (!match) return;
            clearTimeout(timer);
            resolve(match[1] as string);
          });
        });
        // The printed URL's ticket is good once, and this app serves every test of the file.
        const { origin } = new URL(appUrl);
        await use({ appUrl: `${origin}/`, token, cluster });
      } finally {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((done) => child.once('exit', done));
          child.kill('SIGTERM');
          await exited;
        }
        await removeClusterResources(cluster);
        await rm(workDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  context: async ({ context, dockerEcs }, use) => {
    await signIn(context, { origin: new URL(dockerEcs.appUrl).origin, token: dockerEcs.token });
    await use(context);
  },
});
