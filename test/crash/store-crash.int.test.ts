import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreNotice } from '../../src/main/store';
import { openCounters } from '../../src/main/store/fixtures/counters';
import { bundleForNode } from './bundle';
import { describeReport, runWithKills, type CrashReport } from './harness';

// STOWAGE_CRASH_SEED=<seed> replays the kill moments of a failed run.
const seed = Number(process.env.STOWAGE_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const kills = 8;
const dir = mkdtempSync(join(tmpdir(), 'stowage-store-crash-'));
let childScript: string;
/** Set by the kill test; the damage tests start from the files it left. */
let report: CrashReport | undefined;

beforeAll(async () => {
  childScript = await bundleForNode('test/crash/store-child.ts');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('keeps every acknowledged change through repeated SIGKILLs in the middle of a burst', async () => {
  report = await runWithKills({
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

interface JournalLine {
  start: number;
  end: number;
  seq: number;
  key: string;
}

/** The records of the current segment with where each starts, from the undamaged bytes. */
function journalLines(data: Buffer): JournalLine[] {
  const lines: JournalLine[] = [];
  let start = data.indexOf(0x0a) + 1;
  while (start < data.length) {
    const end = data.indexOf(0x0a, start) + 1;
    const record = JSON.parse(data.subarray(start + 9, end - 1).toString()) as {
      seq: number;
      changes: [{ key: string }];
    };
    lines.push({ start, end, seq: record.seq, key: record.changes[0].key });
    start = end;
  }
  return lines;
}

/** Where the record holding byte `offset` starts. */
const lineAt = (lines: JournalLine[], offset: number) =>
  lines.filter((line) => line.start < offset).at(-1)!.start;

const flip = (data: Buffer, at: number) => {
  const copy = Buffer.from(data);
  copy[at] = copy[at] === 0x30 ? 0x31 : 0x30;
  return copy;
};

/** A damage to the current segment: the new bytes (undefined: deleted), where the cut falls. */
type Damage = (
  data: Buffer,
  lines: JournalLine[],
) => { bytes: Buffer | undefined; cut: number; counted: boolean };

const damages: [string, Damage][] = [
  [
    'a tail cut by 40 bytes',
    (data, lines) => {
      const size = data.length - 40;
      const cut = lineAt(lines, size);
      return { bytes: data.subarray(0, size), cut, counted: true };
    },
  ],
  [
    'a journal cut in half',
    (data, lines) => {
      const size = Math.floor(data.length / 2);
      const cut = lineAt(lines, size);
      return { bytes: data.subarray(0, size), cut, counted: true };
    },
  ],
  [
    'a flipped byte in the last record',
    (data, lines) => {
      const last = lines.at(-1)!;
      return { bytes: flip(data, last.start + 20), cut: last.start, counted: true };
    },
  ],
  [
    'a flipped byte in a record in the middle',
    (data, lines) => {
      const middle = lines[Math.floor(lines.length / 2)]!;
      return { bytes: flip(data, middle.start + 3), cut: middle.start, counted: true };
    },
  ],
  ['a deleted current segment', () => ({ bytes: undefined, cut: 0, counted: false })],
  ['an emptied current segment', () => ({ bytes: Buffer.alloc(0), cut: 0, counted: false })],
  ['a torn header', (data) => ({ bytes: flip(data, 12), cut: 0, counted: true })],
];

describe('damage to the journal after the kills', () => {
  let acknowledged: string[];
  let baseline: string[];
  beforeAll(async () => {
    // A few more records, written without a snapshot in between: a middle to damage.
    const store = await openCounters(dir);
    for (let i = 0; i < 12; i++) await store.append([{ kind: 'set', key: `extra-${i}`, value: i }]);
    await store.close();
    acknowledged = [
      ...(report?.acknowledged ?? []),
      ...Array.from({ length: 12 }, (_, i) => `extra-${i}`),
    ];
    const reopened = await openCounters(dir);
    baseline = Object.keys(reopened.state.items);
    await reopened.close();
    expect(report, 'the kills ran first').toBeDefined();
  });

  it.each(damages)(
    'keeps everything acknowledged before %s, and says what was dropped',
    async (_, damage) => {
      const copy = mkdtempSync(join(tmpdir(), 'stowage-store-damage-'));
      try {
        cpSync(dir, copy, { recursive: true, filter: (path) => !path.endsWith('.lock') });
        const segments = readdirSync(copy).filter((name) => /^counters\.journal-\d+$/.test(name));
        const current = join(
          copy,
          `counters.journal-${Math.max(...segments.map((name) => Number(name.split('-').at(-1))))}`,
        );
        const snapshotHeader = readFileSync(join(copy, 'counters.snapshot'), 'utf8').split(
          '\n',
        )[0]!;
        const snapshotSeq = (JSON.parse(snapshotHeader.slice(9)) as { seq: number }).seq;
        const data = readFileSync(current);
        const lines = journalLines(data);
        expect(lines.length).toBeGreaterThanOrEqual(12);
        const { bytes, cut, counted } = damage(data, lines);
        if (bytes === undefined) rmSync(current);
        else writeFileSync(current, bytes);

        // The records from the cut on are dropped; those the snapshot holds stay in the state.
        const droppedLines = lines.filter((line) => line.start >= cut);
        const lost = new Set(
          droppedLines.filter((line) => line.seq > snapshotSeq).map((line) => line.key),
        );
        const run = spawnSync(process.execPath, [childScript, copy, 'check', '0', '1'], {
          encoding: 'utf8',
        });
        expect(run.status, run.stderr).toBe(0);
        expect(run.stderr).toMatch(
          /^stowage: the journal of "counters" was damaged \(.*\); the state before the damage was kept, .* dropped, and what could not be replayed was kept in .*\.\n$/,
        );
        const notices = run.stdout
          .split('\n')
          .filter((line) => line.startsWith('notice '))
          .map((line) => JSON.parse(line.slice(7)) as StoreNotice);
        expect(notices).toHaveLength(1);
        const notice = notices[0]!;
        expect(notice.kind).toBe('journal-damaged');
        if (notice.kind !== 'journal-damaged') return;
        if (counted) {
          // A cut record counts once: what a truncation took off with it cannot be counted.
          const truncated = bytes !== undefined && bytes.length < data.length;
          expect(notice.droppedRecords).toBe(truncated ? 1 : droppedLines.length);
        } else {
          expect(notice.droppedRecords).toBeUndefined();
        }

        const store = await openCounters(copy);
        try {
          expect(store.notices).toEqual([]);
          const items = Object.keys(store.state.items);
          expect(items.sort()).toEqual(baseline.filter((key) => !lost.has(key)).sort());
          const missing = acknowledged.filter((id) => !(id in store.state.items) && !lost.has(id));
          expect(missing, `acknowledged, before the damage, and lost (seed ${seed})`).toEqual([]);
        } finally {
          await store.close();
        }
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
