// What the container benches share: a busybox image built here, labelled containers made and
// removed through the engine API, and Chromium. Not a bench itself (run.mjs runs
// only *.bench.mjs).

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';

/** The test label: whatever a run leaves behind, the test set-up removes too. */
export const testLabel = 'dev.stowage.test';
export const benchLabel = 'dev.stowage.bench';
export const image = 'stowage-bench/busybox:1.0';

export const engine = new Docker();

export function docker(args, options = {}) {
  return execFileSync('docker', args, { encoding: 'utf8', maxBuffer: 1 << 26, ...options }).trim();
}

/** A FROM scratch image holding the host's static busybox, labelled like the test images. */
export function buildImage() {
  const context = mkdtempSync(join(tmpdir(), 'stowage-bench-busybox-'));
  try {
    copyFileSync('/bin/busybox', join(context, 'busybox'));
    writeFileSync(
      join(context, 'Dockerfile'),
      [
        'FROM scratch',
        `LABEL ${testLabel}=1`,
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox","--install","-s","/bin"]',
        '',
      ].join('\n'),
    );
    docker(['build', '--quiet', '-t', image, context], {
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
      // The legacy builder's deprecation notice is noise; a failure still carries stderr.
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

/** Labels of a container this bench makes: the test label and the bench's own name. */
export const labelsOf = (bench) => ({ [testLabel]: '1', [benchLabel]: bench });

/** Runs `work` on every item, `limit` at a time. */
export async function inParallel(items, limit, work) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  });
  await Promise.all(workers);
}

/** Creates `count` containers (not started) named `${prefix}-NNNN`, through the engine API. */
export async function createContainers(bench, prefix, count, cmd) {
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
  await inParallel(names, 16, (name) =>
    engine.createContainer({ name, Image: image, Cmd: cmd, Labels: labelsOf(bench) }),
  );
  return names;
}

/** Removes every container of this bench (and its image, last), whatever state they are in. */
export async function removeEverything(bench) {
  const mine = await engine.listContainers({
    all: true,
    filters: JSON.stringify({ label: [`${benchLabel}=${bench}`] }),
  });
  await inParallel(mine, 16, (container) =>
    engine
      .getContainer(container.Id)
      .remove({ force: true })
      .catch(() => undefined),
  );
  try {
    docker(['rmi', image], { stdio: ['ignore', 'ignore', 'ignore'] });
  } catch {
    // Another bench's container still uses it, or it is gone already.
  }
}

/** Chromium with a long-task recorder in every page (`globalThis.__longTasks`, in ms). */
export async function launchBrowser() {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'],
  });
  return {
    browser,
    async newPage(viewport = { width: 1280, height: 900 }) {
      const page = await browser.newPage({ viewport });
      await page.addInitScript(() => {
        globalThis.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) globalThis.__longTasks.push(entry.duration);
        }).observe({ type: 'longtask', buffered: true });
      });
      return page;
    },
  };
}

export async function openContainers(page, url) {
  await page.goto(url);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Containers', exact: true })
    .click();
}

export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
export const verdict = (ok) => (ok ? 'meets target' : 'MISSES target');
export const longest = (tasks) => Math.round(Math.max(0, ...tasks));

/** Runs a bench's body, then removes what it made, even when the body fails. */
export async function runBench(bench, body) {
  let failed = false;
  try {
    await removeEverything(bench);
    buildImage();
    await body();
  } catch (error) {
    failed = true;
    console.error(error?.stack ?? String(error));
  } finally {
    await removeEverything(bench);
  }
  if (failed) process.exit(1);
}
