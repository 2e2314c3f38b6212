import { lstat, open, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StoreClosedError, StoreFailedError, StoreLockedError } from './index';
import { filesIn, openCounters, set, tempDirs, type CounterChange } from './fixtures/counters';

const dirs = tempDirs();
afterEach(() => dirs.removeAll());

const journalBytes = (dir: string) =>
  Promise.all(
    filesIn(dir)
      .filter((name) => name.includes('.journal-'))
      .map(async (name) => (await stat(join(dir, name))).size),
  ).then((sizes) => sizes.reduce((sum, size) => sum + size, 0));

describe('openStore', () => {
  it('gives back after a reopen what was appended', async () => {
    const dir = dirs.make();
    const store = await openCounters(dir);
    expect(store.state).toEqual({ items: {} });
    await store.append([set('a', 1), set('b', 2)]);
    await store.append([{ kind: 'delete', key: 'a' }]);
    expect(store.state).toEqual({ items: { b: 2 } });
    await store.close();

    const reopened = await openCounters(dir);
    expect(reopened.state).toEqual({ items: { b: 2 } });
    expect(reopened.notices).toEqual([]);
    expect(filesIn(dir)).toEqual(['counters.journal-0', 'counters.lock']);
    await reopened.close();
  });

  it('recovers the live state after thousands of appends, one after another and at once', async () => {
    const dir = dirs.make();
    const store = await openCounters(dir, { snapshotMinBytes: 16 * 1024 });
    for (let i = 0; i < 500; i++) await store.append([set(`k${i % 50}`, i)]);
    await Promise.all(
      Array.from({ length: 2000 }, (_, i) => store.append([set(`c${i % 300}`, i), set('n', i)])),
    );
    const live = structuredClone(store.state);
    await store.close();

    const reopened = await openCounters(dir);
    expect(reopened.state).toEqual(live);
    expect(reopened.notices).toEqual([]);
    await reopened.close();
  });

  it('rolls the journal into a snapshot once it outgrows the threshold', async () => {
    const dir = dirs.make();
    const store = await openCounters(dir, { snapshotMinBytes: 8 * 1024 });
    let appended = 0;
    for (let i = 0; i < 600; i++) {
      const change = set(`key-${i % 20}`, i);
      appended += JSON.stringify(change).length;
      await store.append([change]);
    }
    const live = structuredClone(store.state);
    await store.close();

    const files = filesIn(dir);
    expect(files).toContain('counters.snapshot');
    expect(files.filter((name) => name.includes('.journal-'))).toHaveLength(1);
    expect(files).not.toContain('counters.journal-0');
    expect(await journalBytes(dir)).toBeLessThan(8 * 1024 + 1024);
    expect(appended).toBeGreaterThan(16 * 1024);

    const reopened = await openCounters(dir);
    expect(reopened.state).toEqual(live);
    expect(reopened.notices).toEqual([]);
    await reopened.close();
    // 600 appends one after another wait for 600 fsyncs: slow on a busy disk, not a fault.
  }, 30_000);

  it('snapshots past 1 MiB of journal by default, and not before', async () => {
    const dir = dirs.make();
    const store = await openCounters(dir);
    const filler = 'x'.repeat(1000);
    const batch = (from: number) =>
      Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          store.append([{ kind: 'set', key: `${filler}${(from + i) % 10}`, value: from + i }]),
        ),
      );
    for (let i = 0; i < 900; i += 100) await batch(i);
    expect(filesIn(dir)).toEqual(['counters.journal-0', 'counters.lock']);
    for (let i = 900; i < 1200; i += 100) await batch(i);
    await store.close();
    expect(filesIn(dir)).toEqual(['counters.journal-1', 'counters.snapshot']);
    const reopened = await openCounters(dir);
    expect(Object.keys(reopened.state.items)).toHaveLength(10);
    expect(reopened.state.items[`${filler}9`]).toBe(1199);
    await reopened.close();
  });

  it('writes snapshot pieces of any size and script whole', async () => {
    const dir = dirs.make();
    const store = await openCounters(dir, {
      snapshotMinBytes: 1024,
      // Keys the JSON.stringify default would write the same way, in pieces of every size.
      snapshotPieces: (state) => {
        const json = JSON.stringify(state);
        return [json.slice(0, 1), json.slice(1, 300_001), json.slice(300_001)];
      },
    });
    const long = `${'é'.repeat(150_000)}ü🚢${'x'.repeat(200_000)}`;
    for (let i = 0; i < 20; i++)
      await store.append([set(`${long}${i}`, i), set(`ключ-${i}`, -i - 1)]);
    const expected = structuredClone(store.state);
    await store.close();
    expect(filesIn(dir)).toContain('counters.snapshot');
    const reopened = await openCounters(dir);
    expect(reopened.state).toEqual(expected);
    expect(reopened.notices).toEqual([]);
    await reopened.close();
  }, 30_000);

  it('snapshots the state of its moment, serialised piece by piece while appends go on', async () => {
    const dir = dirs.make();
    let piecesTaken = 0;
    let appendsDuringSnapshot = 0;
    let snapshotting = false;
    const store = await openCounters(dir, {
      snapshotMinBytes: 4 * 1024,
      // The state's entries are taken when asked, and read out one piece at a time later.
      snapshotPieces(state) {
        const entries = Object.entries(state.items);
        snapshotting = true;
        return (function* () {
          yield '{"items":{';
          for (const [index, [key, value]] of entries.entries()) {
            piecesTaken++;
            // Pieces slower than a slice: the writer lets other work run before the next.
            if (index % 50 === 0) {
              const until = performance.now() + 5;
              while (performance.now() < until);
            }
            yield `${index > 0 ? ',' : ''}${JSON.stringify(key)}:${value}`;
          }
          yield '}}';
          snapshotting = false;
        })();
      },
    });
    const live = async () => {
      for (let i = 0; i < 400; i++) {
        if (snapshotting) appendsDuringSnapshot++;
        await store.append([set(`key-${i % 2000}`, i), set(`other-${i}`, -i - 1)]);
      }
    };
    await Promise.all([live(), live(), live()]);
    const expected = structuredClone(store.state);
    await store.close();

    expect(filesIn(dir)).toContain('counters.snapshot');
    expect(piecesTaken).toBeGreaterThan(100);
    const reopened = await openCounters(dir);
    expect(reopened.state).toEqual(expected);
    expect(reopened.notices).toEqual([]);
    await reopened.close();
    expect(appendsDuringSnapshot).toBeGreaterThan(0);
  }, 30_000);

  it('shares one write and fsync among appends made while a write is under way', async () => {
    const dir = dirs.make();
    const store = await openCounters(dir);
    await store.append([set('warm', 1)]);
    const probe = await open(join(dir, 'probe'), 'w');
    const handleClass = Object.getPrototypeOf(probe) as { datasync(): Promise<void> };
    await probe.close();
    const datasync = vi.spyOn(handleClass, 'datasync');
    try {
      await Promise.all(Array.from({ length: 1000 }, (_, i) => store.append([set(`k${i}`, i)])));
      expect(datasync.mock.calls.length).toBeGreaterThan(0);
      expect(datasync.mock.calls.length).toBeLessThanOrEqual(3);
    } finally {
      datasync.mockRestore();
    }
    expect(Object.keys(store.state.items)).toHaveLength(1001);
    await store.close();
    const reopened = await openCounters(dir);
    expect(Object.keys(reopened.state.items)).toHaveLength(1001);
    await reopened.close();
  });

  it('journals the changes before the one apply throws on, and rejects with its error', async () => {
    const dir = dirs.make();
    const store = await openCounters(dir);
    await expect(store.append([set('a', 1), { kind: 'fail' }, set('b', 2)])).rejects.toThrow(
      'this change never applies',
    );
    await expect(store.append([{ kind: 'fail' }])).rejects.toThrow('this change never applies');
    await store.append([set('c', 3)]);
    expect(store.state.items).toEqual({ a: 1, c: 3 });
    await store.close();
    const reopened = await openCounters(dir);
    expect(reopened.state.items).toEqual({ a: 1, c: 3 });
    await reopened.close();
  });

  it('writes the changes as they were when appended, even if the state keeps and mutates them', async () => {
    const dir = dirs.make();
    type Boxes = { boxes: { value: number }[] };
    const options = {
      dir,
      name: 'boxes',
      version: 1,
      initial: (): Boxes => ({ boxes: [] }),
      apply: (state: Boxes, change: { value: number }) => {
        state.boxes.push(change);
        change.value += 100;
        return state;
      },
    };
    const { openStore } = await import('./index');
    const store = await openStore(options);
    await store.append([{ value: 1 }]);
    await store.close();
    const reopened = await openStore(options);
    expect(reopened.state.boxes).toEqual([{ value: 101 }]);
    await reopened.close();
  });

  it('resolves an empty append once earlier appends are durable', async () => {
    const dir = dirs.make();
    const store = await openCounters(dir);
    const order: string[] = [];
    const first = store.append([set('a', 1)]).then(() => order.push('first'));
    const empty = store.append([]).then(() => order.push('empty'));
    await Promise.all([first, empty]);
    expect(order).toEqual(['first', 'empty']);
    await store.close();
  });

  it('closes once however often close is called, and rejects appends after it', async () => {
    const dir = dirs.make();
    const store = await openCounters(dir);
    const pending = store.append([set('a', 1)]);
    const closing = store.close();
    await expect(store.close()).resolves.toBeUndefined();
    await closing;
    await pending;
    const late = store.append([set('b', 2)]);
    await expect(late).rejects.toBeInstanceOf(StoreClosedError);
    await expect(late).rejects.toThrow('The store "counters" is closed');
    const reopened = await openCounters(dir);
    expect(reopened.state.items).toEqual({ a: 1 });
    await reopened.close();
  });

  it('refuses names that are not plain file names', async () => {
    await expect(openCounters(dirs.make(), { name: '../escape' })).rejects.toThrow(
      'A store name is letters',
    );
  });

  it('rejects changes that are not JSON without journalling anything', async () => {
    const dir = dirs.make();
    const store = await openCounters(dir);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(store.append([circular as unknown as CounterChange])).rejects.toThrow();
    await store.append([set('a', 1)]);
    await store.close();
    const reopened = await openCounters(dir);
    expect(reopened.state.items).toEqual({ a: 1 });
    await reopened.close();
  });

  it('reads its own journal line format', async () => {
    const dir = dirs.make();
    const store = await openCounters(dir);
    await store.append([set('a', 1)]);
    await store.close();
    const lines = (await readFile(join(dir, 'counters.journal-0'), 'utf8')).split('\n');
    expect(lines[0]).toMatch(/^[0-9a-f]{8} \{"store":"counters","version":1,"segment":0\}$/);
    expect(lines[1]).toMatch(
      /^[0-9a-f]{8} \{"seq":1,"changes":\[\{"kind":"set","key":"a","value":1\}\]\}$/,
    );
    expect(lines[2]).toBe('');
    await writeFile(join(dir, 'unrelated.journal-0'), 'not ours');
    const reopened = await openCounters(dir);
    expect(reopened.notices).toEqual([]);
    await reopened.close();
  });

  it('fails for good when a write fails, and reopening finds what was durable', async () => {
    const dir = dirs.make();
    const store = await openCounters(dir);
    await store.append([set('durable', 1)]);
    const probe = await open(join(dir, 'probe'), 'w');
    const handleClass = Object.getPrototypeOf(probe) as { datasync(): Promise<void> };
    await probe.close();
    const datasync = vi
      .spyOn(handleClass, 'datasync')
      .mockRejectedValueOnce(Object.assign(new Error('no space left'), { code: 'ENOSPC' }));
    try {
      const failed = store.append([set('lost', 2)]);
      await expect(failed).rejects.toBeInstanceOf(StoreFailedError);
      await expect(failed).rejects.toThrow('could not write its journal: no space left');
      await expect(store.append([set('later', 3)])).rejects.toBeInstanceOf(StoreFailedError);
    } finally {
      datasync.mockRestore();
    }
    await store.close();
    const reopened = await openCounters(dir);
    expect(reopened.notices).toEqual([]);
    expect(reopened.state.items.durable).toBe(1);
    expect(reopened.state.items.later).toBeUndefined();
    await reopened.close();
  });

  it('lets one store at a time have the files, and takes over a lock nobody holds', async () => {
    const dir = dirs.make();
    const store = await openCounters(dir);
    expect(filesIn(dir)).toContain('counters.lock');
    expect((await lstat(join(dir, 'counters.lock'))).isSocket()).toBe(true);
    const second = openCounters(dir);
    await expect(second).rejects.toBeInstanceOf(StoreLockedError);
    await expect(second).rejects.toThrow('is already open in this process');
    await store.append([set('a', 1)]);
    await store.close();
    expect(filesIn(dir)).not.toContain('counters.lock');

    // What an earlier version left (a pid), or anything else: nobody listens on it.
    for (const garbage of [`${process.pid}\n`, 'NaN']) {
      await writeFile(join(dir, 'counters.lock'), garbage);
      const reopened = await openCounters(dir);
      expect(reopened.state.items).toEqual({ a: 1 });
      await reopened.close();
    }
  });
});
