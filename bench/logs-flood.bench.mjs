/* global requestAnimationFrame -- the page script runs in Chromium */
// A container writing 10,000 lines a second for 10 s while its Logs tab follows, in stowage web
// in Chromium, with timestamps on: every line carries the time the engine took it from the
// container (docker's log timestamp), which the page compares with its clock once a frame for
// the last line on screen. Reports the longest main-thread task (target <= 100 ms), the page's
// JS heap before, during and after (bounded: the tab keeps the newest lines up to the limit
// chosen in it, here 10,000), and the latency from a line being written to it being the last on
// screen (target p95 <= 250 ms). Baseline in the same run: `docker logs` of the whole flood.

import { spawn } from 'node:child_process';
import {
  docker,
  engine,
  labelsOf,
  launchBrowser,
  longest,
  openContainers,
  percentile,
  runBench,
  verdict,
} from './containers-common.mjs';
import { startWeb } from './web.mjs';

const bench = 'logs-flood';
const name = `stowage-bench-flood-${Date.now().toString(36)}`;
const seconds = 10;
const perSecond = 10_000;
const keepLines = 10_000;

// Batches of 1,000 lines, ten a second; waits first, so the tab is open when the flood begins.
const flood =
  `sleep 6; b=0; while [ $b -lt ${(seconds * perSecond) / 1000} ]; do ` +
  `seq $((b*1000)) $((b*1000+999)); b=$((b+1)); usleep 90000; done; ` +
  'echo flood-done; sleep 3600';

/** `docker logs -f -t` meanwhile: how late the engine itself hands a line to a follower. */
function followWithCli(container) {
  const child = spawn('docker', ['logs', '-f', '-t', '--tail', '0', container], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const lag = [];
  let rest = '';
  child.stdout.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    const stamp = lines.at(-1)?.split(' ')[0];
    const written = stamp ? Date.parse(stamp.replace(/(\.\d{3})\d*/, '$1')) : NaN;
    if (Number.isFinite(written)) lag.push(Date.now() - written);
  });
  return {
    stop() {
      child.kill();
      return lag;
    },
  };
}

async function main() {
  const container = await engine.createContainer({
    name,
    Image: 'stowage-bench/busybox:1.0',
    Cmd: ['sh', '-c', flood],
    Labels: labelsOf(bench),
  });
  const web = await startWeb();
  const { browser, newPage } = await launchBrowser();
  try {
    const page = await newPage();
    await openContainers(page, web.url);
    await container.start();
    await page.locator(`[data-testid="container-row"][data-container-name="${name}"]`).click();
    const detail = page.getByTestId('container-detail');
    await detail.getByLabel('Timestamps').check();
    await page.evaluate(() => {
      globalThis.__longTasks.length = 0;
      globalThis.__lag = [];
      globalThis.__heap = [];
      const log = globalThis.document.querySelector('[data-testid="container-logs"]');
      let previous;
      const sample = () => {
        const lines = log.querySelectorAll('[data-testid="log-line"]');
        const last = lines[lines.length - 1];
        const stamp = last?.firstElementChild?.textContent;
        // Only a new last line counts: between batches the last one just gets older.
        if (stamp && stamp !== previous) {
          previous = stamp;
          // RFC 3339 with nanoseconds: milliseconds are enough for Date.parse.
          const written = Date.parse(stamp.replace(/(\.\d{3})\d*/, '$1'));
          if (Number.isFinite(written)) globalThis.__lag.push(Date.now() - written);
        }
        globalThis.__heap.push(performance.memory?.usedJSHeapSize ?? 0);
        if (!globalThis.__stopSampling) requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    const follower = followWithCli(name);
    const heapBefore = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
    await page
      .getByTestId('log-line')
      .filter({ hasText: 'flood-done' })
      .waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    const result = await page.evaluate(() => {
      globalThis.__stopSampling = true;
      return {
        tasks: [...globalThis.__longTasks],
        lag: [...globalThis.__lag],
        heap: [...globalThis.__heap],
        shown: globalThis.document.querySelectorAll('[data-testid="log-line"]').length,
        // The virtual list is one line height (20 px) per line it keeps.
        kept: Math.round(
          globalThis.document.querySelector('[data-testid="container-logs"]').scrollHeight / 20,
        ),
      };
    });
    const heapAfter = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
    const cliLag = follower.stop();

    const baselineStarted = performance.now();
    const logged = docker(['logs', name], { maxBuffer: 1 << 28 }).split('\n').length;
    const baselineMs = performance.now() - baselineStarted;

    const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
    const flooding = result.lag;
    const p95 = percentile(flooding, 95);
    console.log(
      `${seconds * perSecond} lines over ${seconds} s into the followed Logs tab, ` +
        `keeping ${keepLines.toLocaleString()} lines\n`,
    );
    console.log(
      `  docker logs of the same (baseline)   ${baselineMs.toFixed(0)} ms, ${logged} lines`,
    );
    console.log(
      `  longest main-thread task             ${longest(result.tasks)} ms  ` +
        `(${result.tasks.length} over 50 ms; ${verdict(longest(result.tasks) <= 100)} <= 100 ms)`,
    );
    console.log(
      `  written -> docker logs -f (baseline) p50 ${percentile(cliLag, 50).toFixed(0)} ms, ` +
        `p95 ${percentile(cliLag, 95).toFixed(0)} ms over ${cliLag.length} reads`,
    );
    console.log(
      `  written -> last line on screen       p50 ${percentile(flooding, 50).toFixed(0)} ms, ` +
        `p95 ${p95.toFixed(0)} ms, max ${Math.max(...flooding).toFixed(0)} ms over ` +
        `${flooding.length} new last lines  (${verdict(p95 <= 250)} p95 <= 250 ms)`,
    );
    console.log(
      `  page JS heap                         ${mb(heapBefore)} before, ` +
        `${mb(Math.max(...result.heap))} at most, ${mb(heapAfter)} after`,
    );
    console.log(
      `  lines kept; in the DOM               ${result.kept.toLocaleString()} ` +
        `(${verdict(result.kept <= keepLines + 1)} <= ${keepLines.toLocaleString()}); ` +
        `${result.shown} (virtualised)`,
    );
  } finally {
    await browser.close();
    web.stop();
  }
}

await runBench(bench, main);
