import { existsSync } from 'node:fs';
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeLine, snapshotHeaderLine } from './format';
import { openStore } from './index';
import { filesIn, openCounters, set, tempDirs } from './fixtures/counters';

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

async function storeWith(count: number, extra: Parameters<typeof openCounters>[1] = {}) {
  const dir = dirs.make();
  const store = await openCounters(dir, extra);
  for (let i = 0; i < count; i++) await store.append([set(`k${i}`, i)]);
  await store.close();
  return dir;
}

async function expectMovedAside(dir: string, reason: RegExp) {
  const store = await openCounters(dir);
  expect(store.state).toEqual({ items: {} });
  expect(store.notices).toHaveLength(1);
  const [notice] = store.notices;
  expect(notice?.kind).toBe('moved-aside');
  expect(notice?.reason).toMatch(reason);
  expect(notice?.path).toMatch(/counters\.corrupt-\d{8}T\d{6}-\d{3}Z$/);
  expect((await readdir(notice!.path)).length).toBeGreaterThan(0);
  // The fresh store works and the next open finds nothing wrong.
  await store.append([set('after', 1)]);
  await store.close();
  const reopened = await openCounters(dir);
  expect(reopened.notices).toEqual([]);
  expect(reopened.state.items).toEqual({ after: 1 });
  await reopened.close();
  return notice!;
}

describe('recovery', () => {
  it('moves the files aside when the snapshot is damaged', async () => {
    const dir = await storeWith(300, { snapshotMinBytes: 2048 });
    const snapshot = join(dir, 'counters.snapshot');
    const data = await readFile(snapshot);
    data[data.length - 5] = data[data.length - 5] === 0x31 ? 0x32 : 0x31;
    await writeFile(snapshot, data);
    const notice = await expectMovedAside(dir, /the snapshot: the state does not match/);
    const movedFiles = (await readdir(notice.path)).sort();
    expect(movedFiles).toHaveLength(2);
    expect(movedFiles[0]).toMatch(/^counters\.journal-\d+$/);
    expect(movedFiles[1]).toBe('counters.snapshot');
  });

  it('moves the files aside when they come from a newer version', async () => {
    const dir = await storeWith(2, { version: 3 });
    await expectMovedAside(dir, /format version 3, newer than this build reads \(1\)/);
  });

  it('moves the files aside when no migration leads to the current version', async () => {
    const dir = dirs.make();
    await writeSnapshot(dir, 1, { items: { a: 1 } });
    const store = await openCounters(dir, { version: 3, migrations: { 1: (s) => s } });
    expect(store.notices[0]?.reason).toBe('no migration from format version 2');
    await store.close();
  });

  it('moves the files aside when the state fails validation', async () => {
    const dir = dirs.make();
    await writeSnapshot(dir, 1, { items: 'not a map' });
    const validate = (value: unknown) => {
      const items = (value as { items: unknown }).items;
      if (typeof items !== 'object') throw new Error('items must be an object');
      return value as { items: Record<string, number> };
    };
    const store = await openCounters(dir, { validate });
    expect(store.notices[0]?.reason).toBe(
      "the snapshot's state is not valid: items must be an object",
    );
    expect(store.state).toEqual({ items: {} });
    await store.close();
  });

  it('moves the files aside when a journal does not follow its snapshot', async () => {
    const dir = dirs.make();
    await writeSnapshot(dir, 1, { items: {} }, { seq: 5, segment: 2 });
    await writeSegment(dir, 2, 1, [{ seq: 8, changes: [set('gap', 1)] }]);
    await expectMovedAside(dir, /skips from change 5 to 8/);
  });

  it('moves the files aside when a change comes twice', async () => {
    const dir = dirs.make();
    await writeSegment(dir, 0, 1, [
      { seq: 1, changes: [set('a', 1)] },
      { seq: 2, changes: [set('b', 2)] },
      { seq: 2, changes: [set('b', 3)] },
    ]);
    await expectMovedAside(dir, /change 2 comes after 2/);
  });

  it('runs the migrations in order, replays the old journal, then writes the current version', async () => {
    const dir = dirs.make();
    await writeSnapshot(dir, 1, { total: 2 }, { seq: 1, segment: 0 });
    await writeSegment(dir, 0, 1, [
      { seq: 1, changes: [set('folded', 0)] },
      { seq: 2, changes: [set('journalled', 7)] },
    ]);
    const ran: number[] = [];
    const migrations = {
      1: (old: unknown) => {
        ran.push(1);
        return { count: (old as { total: number }).total };
      },
      2: (old: unknown) => {
        ran.push(2);
        return { items: { migrated: (old as { count: number }).count } };
      },
    };
    const store = await openCounters(dir, { version: 3, migrations });
    expect(ran).toEqual([1, 2]);
    expect(store.notices).toEqual([]);
    expect(store.state.items).toEqual({ migrated: 2, journalled: 7 });
    await store.append([set('new', 1)]);
    await store.close();
    expect(filesIn(dir)).toEqual(['counters.journal-1', 'counters.snapshot']);
    const header = (await readFile(join(dir, 'counters.snapshot'), 'utf8')).split('\n')[0];
    expect(header).toContain('"version":3');

    const reopened = await openCounters(dir, { version: 3, migrations });
    expect(ran).toEqual([1, 2]);
    expect(reopened.state.items).toEqual({ migrated: 2, journalled: 7, new: 1 });
    await reopened.close();
  });

  it('recovers from a crash in the middle of a snapshot, whichever files it left', async () => {
    // The new segment was started and written to, the new snapshot was not yet in place.
    const dir = dirs.make();
    await writeSnapshot(dir, 1, { items: { a: 1 } }, { seq: 1, segment: 1 });
    await writeSegment(dir, 0, 1, [{ seq: 1, changes: [set('a', 1)] }]);
    await writeSegment(dir, 1, 1, [{ seq: 2, changes: [set('b', 2)] }]);
    await writeSegment(dir, 2, 1, [
      { seq: 3, changes: [set('c', 3)] },
      { seq: 4, changes: [set('d', 4)] },
    ]);
    await writeFile(join(dir, 'counters.snapshot.tmp-0123456789ab'), 'half a snapsh');
    const store = await openCounters(dir);
    expect(store.notices).toEqual([]);
    expect(store.state.items).toEqual({ a: 1, b: 2, c: 3, d: 4 });
    expect(filesIn(dir)).toEqual([
      'counters.journal-1',
      'counters.journal-2',
      'counters.lock',
      'counters.snapshot',
    ]);
    await store.close();

    // The new snapshot landed and already holds seq 3, whose record is in the new segment too.
    const landed = dirs.make();
    await writeSnapshot(landed, 1, { items: { a: 1, b: 2, c: 3 } }, { seq: 3, segment: 2 });
    await writeSegment(landed, 1, 1, [{ seq: 2, changes: [set('b', 2)] }]);
    await writeSegment(landed, 2, 1, [
      { seq: 3, changes: [set('c', 3)] },
      { seq: 4, changes: [set('d', 4)] },
    ]);
    const after = await openCounters(landed);
    expect(after.notices).toEqual([]);
    expect(after.state.items).toEqual({ a: 1, b: 2, c: 3, d: 4 });
    expect(existsSync(join(landed, 'counters.journal-1'))).toBe(false);
    await after.close();
  });

  it('accepts the gap a snapshot leaves when its queued records never reached the journal', async () => {
    // Serialised with changes 4 and 5 queued; killed after writing 4; reopened and appended 6.
    const dir = dirs.make();
    await writeSnapshot(dir, 1, { items: { a: 1, d: 4, e: 5 } }, { seq: 5, segment: 1 });
    await writeSegment(dir, 1, 1, [
      { seq: 4, changes: [set('d', 4)] },
      { seq: 6, changes: [set('f', 6)] },
    ]);
    const store = await openCounters(dir);
    expect(store.notices).toEqual([]);
    expect(store.state.items).toEqual({ a: 1, d: 4, e: 5, f: 6 });
    await store.close();
  });

  it('moves the files aside when journal segments have lost their snapshot', async () => {
    const dir = dirs.make();
    await writeSegment(dir, 4, 1, [{ seq: 9, changes: [set('a', 1)] }]);
    await expectMovedAside(dir, /segment 4 has no snapshot before it/);
  });

  it('leaves other stores in the same folder alone', async () => {
    const dir = await storeWith(2);
    await appendFile(join(dir, 'counters.journal-0'), encodeLine({ seq: 9, changes: [] }));
    const other = await openStore({
      dir,
      name: 'other',
      version: 1,
      initial: () => 0,
      apply: (n: number) => n + 1,
    });
    await other.append([null]);
    await other.close();
    const notice = await expectMovedAside(dir, /skips from change 2 to 9/);
    expect(await readdir(notice.path)).toEqual(['counters.journal-0']);
    expect(filesIn(dir)).toContain('other.journal-0');
  });

  it('finishes an upgrade that a crash interrupted after it had started the new segment', async () => {
    const dir = dirs.make();
    await writeSnapshot(dir, 1, { total: 1 }, { seq: 0, segment: 0 });
    await writeSegment(dir, 0, 1, [{ seq: 1, changes: [set('old', 1)] }]);
    await writeSegment(dir, 1, 2, []);
    const migrations = {
      1: (old: unknown) => ({ items: { total: (old as { total: number }).total } }),
    };
    const store = await openCounters(dir, { version: 2, migrations });
    expect(store.notices).toEqual([]);
    expect(store.state.items).toEqual({ total: 1, old: 1 });
    await store.close();
    expect(filesIn(dir)).toEqual(['counters.journal-2', 'counters.snapshot']);
    const reopened = await openCounters(dir, { version: 2 });
    expect(reopened.state.items).toEqual({ total: 1, old: 1 });
    await reopened.close();
  });
});

async function writeSnapshot(
  dir: string,
  version: number,
  state: unknown,
  { seq = 0, segment = 0 } = {},
) {
  await writeFile(
    join(dir, 'counters.snapshot'),
    encodeSnapshot({ store: 'counters', version, seq, segment }, state),
  );
}

async function writeSegment(dir: string, segment: number, version: number, records: unknown[]) {
  const lines = [{ store: 'counters', version, segment }, ...records].map((r) => encodeLine(r));
  await writeFile(join(dir, `counters.journal-${segment}`), Buffer.concat(lines));
}

/** A snapshot file of `state` as the store writes one: the header line, then the state. */
function encodeSnapshot(
  header: { store: string; version: number; seq: number; segment: number },
  state: unknown,
): Buffer {
  const body = Buffer.from(JSON.stringify(state), 'utf8');
  return Buffer.concat([snapshotHeaderLine(header, body.length, crc32(body)), body]);
}
