import { readdirSync } from 'node:fs';
import { readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreNotice } from './index';
import { filesIn, openCounters, set, tempDirs } from './fixtures/counters';

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

async function storeWith(count: number, snapshotMinBytes?: number) {
  const dir = dirs.make();
  const store = await openCounters(dir, snapshotMinBytes ? { snapshotMinBytes } : {});
  for (let i = 0; i < count; i++) await store.append([set(`k${i}`, i)]);
  await store.close();
  return dir;
}

const keys = (count: number, from = 0) =>
  Array.from({ length: count - from }, (_, i) => `k${from + i}`);

/** The current journal segment: the one with the highest number. */
function currentSegment(dir: string): string {
  const segments = readdirSync(dir).filter((name) => /^counters\.journal-\d+$/.test(name));
  const numbers = segments.map((name) => Number(name.split('-').at(-1)));
  return join(dir, `counters.journal-${Math.max(...numbers)}`);
}

interface WrittenRecord {
  seq: number;
  changes: [{ key: string }];
}

/** The keys set by the records of a segment, in order (its header skipped). */
async function keysIn(path: string, afterSeq = 0): Promise<string[]> {
  const lines = (await readFile(path, 'utf8')).split('\n').slice(1, -1);
  const records = lines.map((line) => JSON.parse(line.slice(9)) as WrittenRecord);
  return records.filter((record) => record.seq > afterSeq).map((record) => record.changes[0].key);
}

/** The last change the snapshot holds: records up to it are in the state without the journal. */
async function snapshotSeq(dir: string): Promise<number> {
  const header = (await readFile(join(dir, 'counters.snapshot'), 'utf8')).split('\n')[0]!;
  return (JSON.parse(header.slice(9)) as { seq: number }).seq;
}

/** Opens the damaged store, checks what it kept and said, and that it goes on working. */
async function expectRecovered(dir: string, kept: string[], reason: RegExp) {
  const warnings: string[] = [];
  const store = await openCounters(dir, { warn: (line) => warnings.push(line) });
  expect(Object.keys(store.state.items).sort()).toEqual([...kept].sort());
  expect(store.notices).toHaveLength(1);
  const notice = store.notices[0] as Extract<StoreNotice, { kind: 'journal-damaged' }>;
  expect(notice.kind).toBe('journal-damaged');
  expect(notice.reason).toMatch(reason);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain(`the journal of "counters" was damaged (${notice.reason})`);
  await store.append([set('after', 1)]);
  await store.close();
  const reopened = await openCounters(dir);
  expect(reopened.notices).toEqual([]);
  expect(Object.keys(reopened.state.items).sort()).toEqual([...kept, 'after'].sort());
  await reopened.close();
  return { notice, warning: warnings[0]! };
}

/** The one file in the side folder, holding the dropped bytes. */
async function keptBytes(notice: StoreNotice): Promise<Buffer> {
  expect(notice.path).toMatch(/counters\.damaged-\d{8}T\d{6}-\d{3}Z$/);
  const [file, ...others] = readdirSync(notice.path);
  expect(others).toEqual([]);
  return readFile(join(notice.path, file!));
}

describe('damage to the journal', () => {
  it('keeps every record before a tail cut by 40 bytes, and the cut record aside', async () => {
    const dir = await storeWith(5);
    const journal = join(dir, 'counters.journal-0');
    const { size } = await stat(journal);
    const lastLine = (await readFile(journal)).subarray(0, size - 1).lastIndexOf(0x0a) + 1;
    await truncate(journal, size - 40);
    const { notice, warning } = await expectRecovered(dir, keys(4), /at byte \d+ is damaged/);
    expect(notice.droppedRecords).toBe(1);
    expect(warning).toContain('1 change record dropped');
    expect((await keptBytes(notice)).length).toBe(size - 40 - lastLine);
  });

  it('keeps the first half of a journal cut in half', async () => {
    const dir = await storeWith(40);
    const journal = join(dir, 'counters.journal-0');
    await truncate(journal, Math.floor((await stat(journal)).size / 2));
    const data = await readFile(journal);
    const whole =
      data
        .subarray(0, data.lastIndexOf(0x0a) + 1)
        .toString()
        .split('\n').length - 2;
    const { notice } = await expectRecovered(dir, keys(whole), /is damaged/);
    expect(notice.droppedRecords).toBe(1);
  });

  it('names the resource of a last record with a flipped byte', async () => {
    const dir = await storeWith(3);
    const journal = join(dir, 'counters.journal-0');
    const data = await readFile(journal);
    data[data.lastIndexOf('"value":2')! + 8] = '7'.charCodeAt(0);
    await writeFile(journal, data);
    const { notice, warning } = await expectRecovered(dir, keys(2), /is damaged/);
    expect(notice).toMatchObject({ droppedRecords: 1, resources: ['k2'] });
    expect(warning).toContain('1 change record (about k2) dropped');
  });

  it('keeps the snapshot and the records before damage in the middle, and the rest aside', async () => {
    const dir = await storeWith(200, 2048);
    const journal = currentSegment(dir);
    const written = await keysIn(journal);
    const notInSnapshot = await keysIn(journal, await snapshotSeq(dir));
    expect(written.length).toBeGreaterThan(6);
    const data = await readFile(journal);
    let offset = 0;
    for (let line = 0; line < 4; line++) offset = data.indexOf(0x0a, offset) + 1;
    data[offset + 3] = data[offset + 3] === 0x30 ? 0x31 : 0x30;
    await writeFile(journal, data);
    const dropped = written.slice(3);
    // Records the snapshot already holds stay in the state, even when dropped from the journal.
    const lost = notInSnapshot.filter((key) => dropped.includes(key));
    const kept = keys(200).filter((key) => !lost.includes(key));
    const { notice } = await expectRecovered(dir, kept, /at byte \d+ is damaged/);
    expect(notice.droppedRecords).toBe(dropped.length);
    expect(notice.resources).toEqual(dropped.slice(0, 20));
    expect((await keptBytes(notice)).equals(data.subarray(offset))).toBe(true);
  });

  it.each([
    ['deleted', (path: string) => rm(path), /which the snapshot names, is missing/],
    ['emptied', (path: string) => truncate(path, 0), /is empty/],
    ['header-torn', (path: string) => writeFile(path, 'garbage'), /has lost its header/],
  ])(
    'keeps the snapshot when its current segment is %s, and says so',
    async (_, damage, reason) => {
      const dir = await storeWith(200, 2048);
      const journal = currentSegment(dir);
      const lost = await keysIn(journal, await snapshotSeq(dir));
      expect(lost.length).toBeGreaterThan(0);
      await damage(journal);
      const { notice, warning } = await expectRecovered(
        dir,
        keys(200).filter((key) => !lost.includes(key)),
        reason,
      );
      expect(notice.droppedRecords).toBeUndefined();
      expect(warning).toContain('an unknown number of recent changes dropped');
      expect(filesIn(dir)).not.toContain('counters.corrupt');
    },
  );
});
