import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCounters } from '../../src/main/store/fixtures/counters';
import { bundleForNode } from './bundle';
import { describeReport, runWithKills } from './harness';

// STOWAGE_CRASH_SEED=<seed> replays the kill moments of a failed run.
const seed = Number(process.env.STOWAGE_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const kills = 8;
const dir = mkdtempSync(join(tmpdir(), 'stowage-store-crash-'));
let childScript: string;

beforeAll(async () => {
  childScript = await bundleForNode('test/crash/store-child.ts');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('keeps every acknowledged change through repeated SIGKILLs in the middle of a burst', async () => {
  const report = await runWithKills({
    command: process.execPath,
    // Killed runs get more work than they can finish before the kill; the last run ends itself.
    args: (run) => [childScript, dir, String(run), run < kills ? '200000' : '1500', '16'],
    seed,
    kills,
    killDelayMs: { min: 0, max: 600 },
    isReady: (line) => line.startsWith('ready '),
  });
  const segments = readdirSync(dir).filter((name) => name.startsWith('counters.journal-'));
  const snapshots = Math.max(...segments.map((name) => Number(name.split('-').at(-1))));
  console.log(`store crash test, ${snapshots} snapshots, ${describeReport(report)}`);

  expect(report.kills).toBe(kills);
  const final = report.runs.at(-1)!;
  expect(final.exitCode, final.stderr).toBe(0);
  expect(final.stdoutLines.at(-1)).toBe('done');
  expect(final.acknowledged).toHaveLength(1500);
  let itemsBefore = 0;
  for (const run of report.runs) {
    expect(run.stderr, `run ${run.run} wrote to stderr`).toBe('');
    expect(run.stdoutLines.filter((line) => line.startsWith('notice '))).toEqual([]);
    // Each restart already sees everything acknowledged before it.
    const ready = Number(run.stdoutLines.find((line) => line.startsWith('ready '))?.slice(6));
    expect(ready, `items seen by run ${run.run}`).toBeGreaterThanOrEqual(itemsBefore);
    itemsBefore = ready + run.acknowledged.length;
    if (run !== final) expect(run.exitSignal).toBe('SIGKILL');
  }
  // The final run acknowledges 1,500; the killed ones must have acknowledged work too.
  expect(report.acknowledged.length).toBeGreaterThanOrEqual(1600);
  expect(snapshots).toBeGreaterThanOrEqual(kills);

  const store = await openCounters(dir);
  try {
    expect(store.notices).toEqual([]);
    const items = store.state.items;
    const missing = report.acknowledged.filter((id) => !(id in items));
    expect(missing, `acknowledged but lost (seed ${seed})`).toEqual([]);
    // Records reach the disk in order: what survives of a run is a prefix of what it appended.
    for (const run of report.runs) {
      const indices = Object.keys(items)
        .filter((id) => id.startsWith(`r${run.run}-`))
        .map((id) => Number(id.slice(`r${run.run}-`.length)))
        .sort((a, b) => a - b);
      expect(indices.every((index, position) => index === position)).toBe(true);
    }
  } finally {
    await store.close();
  }
}, 60_000);
