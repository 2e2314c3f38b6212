/* global document, Element, MutationObserver -- the page script runs in Chromium */
// Event to screen: with the Containers page open in Chromium (stowage web), 20 containers are
// started, stopped, started again and killed with the docker CLI, one command at a time.
// For each command: the time from the CLI returning to the row's new state being rendered
// (a MutationObserver in the page stamps every change of a row's state with
// performance.timeOrigin + now(), against Date.now() here: the same machine clock). Baseline in
// the same run: the time one `docker inspect` takes to report the new state after the command.
// Target: p95 <= 250 ms.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  createContainers,
  launchBrowser,
  openContainers,
  percentile,
  runBench,
  verdict,
} from './containers-common.mjs';
import { startWeb } from './web.mjs';

const bench = 'containers-events';
const prefix = 'stowage-bench-ev';
const count = 20;
const run = promisify(execFile);

/** Runs the docker CLI; resolves with the wall clock when it returned. */
async function cli(args) {
  await run('docker', args);
  return Date.now();
}

async function inspectTime(name, expected) {
  const started = performance.now();
  const { stdout } = await run('docker', ['inspect', '--format', '{{.State.Status}}', name]);
  const seen = stdout.trim();
  return { ms: performance.now() - started, sawIt: seen === expected };
}

async function main() {
  // TERM ends the container at once (a shell as PID 1 would ignore it without the trap).
  const names = await createContainers(bench, prefix, count, [
    'sh',
    '-c',
    'trap "exit 0" TERM; sleep 3600 & wait',
  ]);
  const web = await startWeb();
  const { browser, newPage } = await launchBrowser();
  try {
    const page = await newPage({ width: 1400, height: 1600 });
    await page.addInitScript(() => {
      globalThis.__stateChanges = [];
      const record = (element) => {
        const name = element.getAttribute('data-container-name');
        const state = element.getAttribute('data-state');
        if (name && state) {
          globalThis.__stateChanges.push({
            name,
            state,
            at: performance.timeOrigin + performance.now(),
          });
        }
      };
      new MutationObserver((mutations) => {
        for (const mutation of mutations) {
          if (mutation.type === 'attributes') record(mutation.target);
          for (const node of mutation.addedNodes) {
            if (node instanceof Element && node.matches('[data-testid="container-row"]')) {
              record(node);
            }
          }
        }
      }).observe(document, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-state'],
      });
    });
    await openContainers(page, web.url);
    // Only the bench's rows, all of them in view (the list is virtualised).
    await page.getByLabel('Search containers').fill(prefix);
    await page
      .locator('[data-testid="container-row"]')
      .nth(count - 1)
      .waitFor();

    const onScreenAfter = async (name, state, returned) => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const seen = await page.evaluate(
          ([wanted, wantedState]) =>
            globalThis.__stateChanges.filter((c) => c.name === wanted && c.state === wantedState),
          [name, state],
        );
        const last = seen.at(-1);
        if (last) return last.at - returned;
        if (Date.now() > deadline) throw new Error(`${name} never showed ${state}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };

    const steps = [
      ['start', ['start'], 'running'],
      ['stop', ['stop'], 'exited'],
      ['start', ['start'], 'running'],
      ['kill', ['kill'], 'exited'],
    ];
    const latencies = { start: [], stop: [], kill: [] };
    const baseline = { start: [], stop: [], kill: [] };
    let early = 0;
    let inspectMissed = 0;
    for (const name of names) {
      for (const [action, args, state] of steps) {
        await page.evaluate(() => (globalThis.__stateChanges.length = 0));
        const returned = await cli([...args, name]);
        const latency = await onScreenAfter(name, state, returned);
        if (latency < 0) early++;
        latencies[action].push(Math.max(0, latency));
        const inspect = await inspectTime(name, state);
        if (!inspect.sawIt) inspectMissed++;
        baseline[action].push(inspect.ms);
      }
    }

    const all = Object.values(latencies).flat();
    const line = (label, values) =>
      `  ${label.padEnd(34)} p50 ${percentile(values, 50).toFixed(0).padStart(4)} ms   ` +
      `p95 ${percentile(values, 95).toFixed(0).padStart(4)} ms   (${values.length} changes)`;
    console.log(`${count} containers, each started, stopped, started and killed with the CLI\n`);
    console.log('CLI returned -> row state rendered');
    for (const [action, values] of Object.entries(latencies)) console.log(line(action, values));
    console.log(line('all', all));
    console.log(
      `  ${early} of ${all.length} were on screen before the CLI returned (counted as 0 ms)`,
    );
    const p95 = percentile(all, 95);
    console.log(`  ${verdict(p95 <= 250)}: p95 ${p95.toFixed(0)} ms <= 250 ms`);
    console.log('\nBaseline: one `docker inspect` after the CLI returned');
    console.log(line('docker inspect', Object.values(baseline).flat()));
    if (inspectMissed > 0) console.log(`  (${inspectMissed} inspects still saw the old state)`);
  } finally {
    await browser.close();
    web.stop();
  }
}

await runBench(bench, main);
