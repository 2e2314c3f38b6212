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
  startWeb,
  verdict,
} from './containers-common.mjs';

const bench = 'containers-list';
const count = Number(process.env.BENCH_CONTAINERS ?? 1000);

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

    await page.evaluate(() => (globalThis.__longTasks.length = 0));
    const scroll = await page.evaluate(
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
    // The last long task may end after the last frame.
    await page.waitForTimeout(200);
    const lastName = await page
      .locator('[data-testid="container-row"]')
      .last()
      .getAttribute('data-container-name');
    const scrollTasks = await page.evaluate(() => [...globalThis.__longTasks]);

    console.log(`${count} created containers (made in ${createSeconds.toFixed(1)} s)\n`);
    console.log(`  docker ps -a (baseline)             ${psMs.toFixed(0)} ms`);
    console.log(`  page chosen -> first row on screen  ${firstRow} ms  (${total})`);
    console.log(
      `  longest main-thread task, render    ${longest(renderTasks)} ms  ` +
        `(${renderTasks.length} over 50 ms)`,
    );
    console.log(
      `  scroll top to bottom                ${scroll.ms.toFixed(0)} ms, ${scroll.frames} frames ` +
        `of 200 px, ${scroll.height} px; last row ${lastName}`,
    );
    console.log(
      `  longest main-thread task, scroll    ${longest(scrollTasks)} ms  ` +
        `(${scrollTasks.length} over 50 ms; ${verdict(scrollTasks.length === 0)}: none over 50 ms)`,
    );
  } finally {
    await browser.close();
    web.stop();
  }
}

await runBench(bench, main);
