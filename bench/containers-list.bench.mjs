/* global requestAnimationFrame -- the page script runs in Chromium */
// 1,000 containers (created, not started, from a busybox image built here) in the Containers
// page of stowage web in Chromium: the time from choosing the page to the first row on screen
// and to the whole list counted, then a scroll from top to bottom a step per frame, with the
// main thread's long tasks (PerformanceObserver) meanwhile. Baseline in the same run:
// `docker ps -a` listing the same containers. Target: no task over 50 ms while scrolling.

import {
  createContainers,
  docker,
  launchBrowser,
  longest,
  runBench,
  verdict,
} from './containers-common.mjs';
import { startWeb } from './web.mjs';

const bench = 'containers-list';
const count = Number(process.env.BENCH_CONTAINERS ?? 1000);
const scrollPasses = 3;

async function main() {
  const created = performance.now();
  await createContainers(bench, 'stowage-bench-list', count, ['true']);
  const createSeconds = (performance.now() - created) / 1000;
  const psStarted = performance.now();
  const listed = docker(['ps', '-a', '--filter', `label=dev.stowage.bench=${bench}`, '-q']);
  const psMs = performance.now() - psStarted;
  if (listed.split('\n').length !== count) throw new Error('The engine lists fewer containers.');

  const web = await startWeb();
  const { browser, newPage } = await launchBrowser();
  try {
    const page = await newPage();
    await page.goto(web.url);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.evaluate(() => (globalThis.__longTasks.length = 0));
    const started = Date.now();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Containers', exact: true })
      .click();
    await page.locator('[data-testid="container-row"]').first().waitFor();
    const firstRow = Date.now() - started;
    const total = await page.getByTestId('container-count').textContent();
    const renderTasks = await page.evaluate(() => [...globalThis.__longTasks]);

    const passes = [];
    for (let pass = 0; pass < scrollPasses; pass++) {
      await page.evaluate(() => {
        globalThis.document.querySelector('[data-testid="containers-scroll"]').scrollTop = 0;
      });
      await page.waitForTimeout(300);
      await page.evaluate(() => (globalThis.__longTasks.length = 0));
      passes.push({ ...(await scrollToBottom(page)), tasks: [] });
      // The last long task may end after the last frame.
      await page.waitForTimeout(200);
      passes.at(-1).tasks = await page.evaluate(() => [...globalThis.__longTasks]);
    }
    const lastName = await page
      .locator('[data-testid="container-row"]')
      .last()
      .getAttribute('data-container-name');

    console.log(`${count} created containers (made in ${createSeconds.toFixed(1)} s)\n`);
    console.log(`  docker ps -a (baseline)             ${psMs.toFixed(0)} ms`);
    console.log(`  page chosen -> first row on screen  ${firstRow} ms  (${total})`);
    console.log(
      `  longest main-thread task, render    ${longest(renderTasks)} ms  ` +
        `(${renderTasks.length} over 50 ms)`,
    );
    for (const [index, scroll] of passes.entries()) {
      console.log(
        `  scroll ${index + 1}, top to bottom          ${scroll.ms.toFixed(0)} ms, ` +
          `${scroll.frames} frames of 200 px; longest task ${longest(scroll.tasks)} ms ` +
          `(${scroll.tasks.length} over 50 ms)`,
      );
    }
    const median = [...passes].sort((a, b) => longest(a.tasks) - longest(b.tasks))[
      Math.floor(passes.length / 2)
    ];
    console.log(
      `  median pass: longest task ${longest(median.tasks)} ms  ` +
        `(${verdict(median.tasks.length === 0)}: none over 50 ms); last row ${lastName}`,
    );
  } finally {
    await browser.close();
    web.stop();
  }
}

/** Scrolls the list 200 px a frame until its end. */
function scrollToBottom(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const element = globalThis.document.querySelector('[data-testid="containers-scroll"]');
        const began = performance.now();
        let frames = 0;
        const step = () => {
          element.scrollTop += 200;
          frames++;
          if (element.scrollTop + element.clientHeight >= element.scrollHeight - 1) {
            resolve({ ms: performance.now() - began, frames, height: element.scrollHeight });
          } else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
  );
}

await runBench(bench, main);
