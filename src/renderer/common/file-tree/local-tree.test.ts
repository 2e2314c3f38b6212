import { describe, expect, it } from 'vitest';
import type { TreeMark } from '../../../shared';
import { localTreeLoader, type LocalTreeItem } from './local-tree';
import type { FileTreeQuery } from './tree-pages';

// What a container's read-write layer could say: /tmp changed, two files added below it, one
// with no size known; /etc/motd removed; /var/log/app.log added under directories not listed.
const changes: LocalTreeItem[] = [
  { path: '/tmp', mark: 'modified', type: 'dir', size: 4096, mode: 0o1777 },
  { path: '/tmp/big', mark: 'added', type: 'file', size: 12345, mode: 0o644 },
  { path: '/tmp/unknown', mark: 'added' },
  { path: '/etc/motd', mark: 'removed' },
  { path: '/var/log/app.log', mark: 'added', type: 'file', size: 10 },
];
const query = (overrides: Partial<FileTreeQuery> = {}): FileTreeQuery => ({
  directory: '',
  marks: ['added', 'modified', 'removed'] as TreeMark[],
  search: '',
  sort: 'name',
  offset: 0,
  limit: 500,
  ...overrides,
});
const load = localTreeLoader(changes);
const signal = new AbortController().signal;

describe('a tree of a list held in the renderer', () => {
  it('answers the top level and a directory’s children, the missing parents implicit', async () => {
    const top = await load(query(), signal);
    expect(top.entries.map((entry) => [entry.path, entry.mark, entry.childCount])).toEqual([
      ['etc', 'lower', 1],
      ['tmp', 'modified', 2],
      ['var', 'lower', 1],
    ]);
    expect(top.entries[0]).toMatchObject({ implicit: true, type: 'dir', changedBelow: true });
    expect(top.counts).toEqual({ added: 3, modified: 1, removed: 1, unmodified: 0, lower: 0 });
    const tmp = await load(query({ directory: 'tmp' }), signal);
    expect(tmp.entries).toEqual([
      expect.objectContaining({ path: 'tmp/big', name: 'big', size: 12345, mode: 0o644 }),
      expect.objectContaining({ path: 'tmp/unknown' }),
    ]);
    expect(tmp.entries[1]?.size).toBeUndefined();
  });

  it('gives a directory the bytes of the files known below it, not its own size', async () => {
    const top = await load(query({ sort: 'size' }), signal);
    expect(top.entries.map((entry) => [entry.path, entry.size])).toEqual([
      ['tmp', 12345],
      ['var', 10],
      ['etc', 0],
    ]);
  });

  it('filters by mark and searches with the ancestors of each match', async () => {
    const removed = await load(query({ marks: ['removed'] }), signal);
    expect(removed.entries.map((entry) => entry.path)).toEqual(['etc']);
    const found = await load(query({ search: 'LOG' }), signal);
    expect(found.total).toBe(1);
    expect(found.entries.map((entry) => entry.path)).toEqual(['var', 'var/log', 'var/log/app.log']);
    const capped = await load(query({ search: 't', limit: 1 }), signal);
    expect(capped.total).toBe(4);
    expect(capped.entries.map((entry) => entry.path)).toEqual(['etc', 'etc/motd']);
  });

  it('pages through a directory', async () => {
    const many = localTreeLoader(
      Array.from({ length: 30 }, (_, index) => ({
        path: `/data/f${String(index).padStart(2, '0')}`,
        mark: 'added' as const,
      })),
    );
    const second = await many(query({ directory: 'data', offset: 10, limit: 10 }), signal);
    expect(second.total).toBe(30);
    expect(second.entries.map((entry) => entry.path)).toEqual(
      Array.from({ length: 10 }, (_, index) => `data/f${index + 10}`),
    );
  });
});
