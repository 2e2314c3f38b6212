import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { test as base, type BrowserContext } from '@playwright/test';
import { assertDockerAvailable, removeTestResources } from '../test/support/docker';
import { buildFixtureImages, fixtureKeeper, type FixtureImages } from '../test/support/fixtures';
import { startSocketProxy, type SocketProxy } from '../test/support/socket-proxy';

export { expect } from '@playwright/test';

export const repoRoot = resolve(fileURLToPath(import.meta.url), '../..');

const startTimeoutMs = 30_000;
const stopTimeoutMs = 10_000;

export interface StowageApp {
  /**
   * The app's page, `http://127.0.0.1:PORT/`. Every context of the `context` and `page`
   * fixtures (and any made with `signIn`) holds the session token already, as a tab that
   * has traded its ticket does.
   */
  appUrl: string;
  /** The URL the CLI printed, `…/?ticket=TICKET`: good once, so for one test only. */
  printedUrl: string;
  /** `http://127.0.0.1:PORT`, for requests that must not carry the token. */
  origin: string;
  port: number;
  token: string;
  /** The app's only way to the engine; cut() it to make the engine vanish for the app. */
  proxy: SocketProxy;
  /** The docker CLI config directory the app reads (contexts live under it); starts empty. */
  dockerConfigDir: string;
  fixtureImages: FixtureImages;
}

// The proxy is reached as `stowage.proxy`: Playwright already has an option called `proxy`.
interface WorkerFixtures {
  stowage: StowageApp;
  appUrl: string;
  token: string;
  fixtureImages: FixtureImages;
}

interface TestFixtures {
  /** Puts the engine back after every test, so one test's cut() cannot leak into the next. */
  engineRestoredAfterTest: void;
}

type WebProcess = ChildProcessByStdio<null, Readable, Readable>;

/**
 * Gives every page of `context` on the app's origin the session token, as the page keeps it
 * after trading the printed URL's one-time ticket (other origins get nothing).
 */
export async function signIn(
  context: BrowserContext,
  stowage: Pick<StowageApp, 'origin' | 'token'>,
): Promise<void> {
  const origin = JSON.stringify(stowage.origin);
  const token = JSON.stringify(stowage.token);
  await context.addInitScript(
    `if (location.origin === ${origin}) sessionStorage.setItem('stowage.token', ${token});`,
  );
}

/** Resolves with the URL from the CLI's `Stowage is running at <url>` line. */
function waitForAppUrl(child: WebProcess, token: string, output: () => string): Promise<string> {
  const urlPattern = /Stowage is running at (http:\/\/127\.0\.0\.1:\d+\/\?ticket=[0-9a-f]{64})$/;
  return new Promise((resolveUrl, reject) => {
    const lines = createInterface({ input: child.stdout });
    const fail = (reason: string): void => {
      clearTimeout(timer);
      lines.close();
      reject(new Error(`${reason}\n--- stowage web output ---\n${output()}`));
    };
    const timer = setTimeout(
      () => fail(`stowage web printed no URL within ${startTimeoutMs / 1000}s`),
      startTimeoutMs,
    );
    child.once('exit', (code, signal) =>
      fail(`stowage web exited (${signal ?? `code ${code}`}) before printing its URL`),
    );
    child.once('error', (error) => fail(`stowage web could not start: ${error.message}`));
    lines.on('line', (line) => {
      const match = urlPattern.exec(line);
      if (!match) return;
      if (line.includes(token)) {
        fail(`stowage web printed its token: ${line}`);
        return;
      }
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      resolveUrl(match[1] as string);
    });
  });
}

async function stopProcess(child: WebProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
  await exited;
  clearTimeout(killTimer);
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  stowage: [
    // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring.
    async ({}, use, workerInfo) => {
      await assertDockerAvailable();
      // Fixture images the integration suite built in this run are reused, not rebuilt.
      await removeTestResources(fixtureKeeper);
      const workDir = await mkdtemp(join(tmpdir(), 'stowage-e2e-'));
      const home = join(workDir, 'home');
      const dataDir = join(workDir, 'data');
      await mkdir(home, { recursive: true });
      const logDir = join(repoRoot, '.stowage-test', 'logs');
      await mkdir(logDir, { recursive: true });
      const logPath = join(logDir, `stowage-web-worker-${workerInfo.workerIndex}.log`);
      const log = createWriteStream(logPath);

      let proxy: SocketProxy | undefined;
      let child: WebProcess | undefined;
      try {
        const fixtureImages = await buildFixtureImages();
        proxy = await startSocketProxy();
        const token = randomBytes(24).toString('hex');
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          DOCKER_HOST: proxy.dockerHost,
          HOME: home,
          STOWAGE_TOKEN: token,
          // The ECS pages are clicked through on simulated tasks; real ones are tested in
          // src/main/ecs/runtime/docker.int.test.ts.
          STOWAGE_ECS_RUNTIME: 'simulated',
        };
        // Only DOCKER_HOST may say where the engine is, or the app would bypass the proxy.
        for (const name of ['DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) {
          delete env[name];
        }
        child = spawn(
          process.execPath,
          ['bin/stowage.js', 'web', '--port', '0', '--data-dir', dataDir],
          { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let output = '';
        const record = (chunk: Buffer): void => {
          output = (output + chunk.toString()).slice(-10_000);
          log.write(chunk);
        };
        child.stdout.on('data', record);
        child.stderr.on('data', record);

        const printedUrl = await waitForAppUrl(child, token, () => output);
        const url = new URL(printedUrl);
        await use({
          appUrl: `${url.origin}/`,
          printedUrl,
          origin: url.origin,
          port: Number(url.port),
          token,
          proxy,
          dockerConfigDir: join(home, '.docker'),
          fixtureImages,
        });
      } finally {
        if (child) await stopProcess(child);
        await proxy?.close();
        await removeTestResources();
        log.end();
        await rm(workDir, { recursive: true, force: true });
        console.log(`stowage web log: ${relative(process.cwd(), logPath)}`);
      }
    },
    { scope: 'worker', timeout: 300_000 },
  ],
  appUrl: [async ({ stowage }, use) => use(stowage.appUrl), { scope: 'worker' }],
  context: async ({ context, stowage }, use) => {
    await signIn(context, stowage);
    await use(context);
  },
  token: [async ({ stowage }, use) => use(stowage.token), { scope: 'worker' }],
  fixtureImages: [async ({ stowage }, use) => use(stowage.fixtureImages), { scope: 'worker' }],
  engineRestoredAfterTest: [
    async ({ stowage }, use) => {
      await use();
      await stowage.proxy.restore();
    },
    { auto: true },
  ],
});
