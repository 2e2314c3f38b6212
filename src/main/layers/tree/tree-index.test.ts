import { describe, expect, it } from 'vitest';
import type { FileTreeEntry } from '../../../shared';
import { layerFileTree, mergedFilesystem } from './file-tree';
import type { LayerContents, LayerEntry } from './model';
import { LayerStack } from './stack';
import { FileTreeIndex } from './tree-index';

const dir = (path: string): LayerEntry => ({
  path,
  type: 'dir',
  size: 0,
  mode: 0o755,
  uid: 0,
  gid: 0,
});
const file = (path: string, size: number, content = `${size}`): LayerEntry => ({
  path,
  type: 'file',
  size,
  mode: 0o644,
  uid: 0,
  gid: 0,
  contentHash: `h:${path}:${content}`,
});
const layer = (entries: LayerEntry[], deletions: string[] = []): LayerContents => ({
  entries,
  deletions,
  opaqueDirectories: [],
});

/** The index of one layer's tree after stacking the layers, as the analysis builds it. */
function indexOf(layers: LayerContents[], chosen: number, aggregated: boolean): FileTreeIndex {
  const stack = new LayerStack();
  const changes = layers.map((contents) => stack.apply(contents).changes);
  const merged = mergedFilesystem(changes.slice(0, chosen + 1));
  return new FileTreeIndex(layerFileTree(changes[chosen] ?? [], merged, aggregated));
}

const base = layer([
  dir('opt'),
  dir('opt/app'),
  file('opt/app/x', 10),
  dir('opt/app/sub'),
  file('opt/app/sub/y', 20),
  dir('etc'),
  file('etc/release', 3),
  dir('srv'),
  file('srv/big', 5000),
  file('srv/small', 1),
]);
const replacing = layer(
  [dir('opt'), dir('opt/app'), file('opt/app/new', 2), file('etc/release', 4, 'new')],
  ['opt/app'],
);
const briefly = (entries: readonly FileTreeEntry[]) =>
  entries.map((entry) => [entry.path, entry.mark, entry.childCount]);

describe('a page of a layer’s tree', () => {
  it('gives the top level first and a directory’s children when asked, changes only', () => {
    const tree = indexOf([base, replacing], 1, false);
    const top = tree.page({});
    expect(briefly(top.entries)).toEqual([
      ['etc', 'lower', 1],
      ['opt', 'unmodified', 1],
    ]);
    expect(top.total).toBe(2);
    expect(top.entries[0]).toMatchObject({ implicit: true, changedBelow: true, size: 4 });
    expect(briefly(tree.page({ directory: 'opt/app' }).entries)).toEqual([
      ['opt/app/new', 'added', 0],
      ['opt/app/sub', 'removed', 1],
      ['opt/app/x', 'removed', 0],
    ]);
    expect(tree.page({ directory: 'opt/app/sub' }).entries).toEqual([
      expect.objectContaining({ path: 'opt/app/sub/y', type: 'file', size: 20, mode: 0o644 }),
    ]);
  });

  it('in the aggregated view holds the whole stack, what the layer left alone as lower', () => {
    const tree = indexOf([base, replacing], 1, true);
    const all = tree.page({ marks: ['added', 'modified', 'removed', 'unmodified', 'lower'] });
    expect(briefly(all.entries)).toEqual([
      ['etc', 'lower', 1],
      ['opt', 'unmodified', 1],
      ['srv', 'lower', 2],
    ]);
    expect(all.entries.map((entry) => entry.changedBelow)).toEqual([true, true, false]);
    // Changes only: srv holds none, so it is left out.
    expect(tree.page({}).entries.map((entry) => entry.path)).toEqual(['etc', 'opt']);
    expect(tree.counts).toEqual({ added: 1, modified: 1, removed: 3, unmodified: 2, lower: 4 });
  });

  it('shows a directory only when it is or holds an entry of the chosen marks', () => {
    const tree = indexOf([base, replacing], 1, false);
    expect(briefly(tree.page({ marks: ['removed'] }).entries)).toEqual([['opt', 'unmodified', 1]]);
    expect(briefly(tree.page({ directory: 'opt/app', marks: ['removed'] }).entries)).toEqual([
      ['opt/app/sub', 'removed', 1],
      ['opt/app/x', 'removed', 0],
    ]);
    expect(tree.page({ marks: [] })).toMatchObject({ entries: [], total: 0 });
  });

  it('sorts by size, a directory by the files below it, largest first', () => {
    const tree = indexOf([base], 0, false);
    expect(tree.page({ sort: 'size' }).entries.map((entry) => [entry.path, entry.size])).toEqual([
      ['srv', 5001],
      ['opt', 30],
      ['etc', 3],
    ]);
    expect(tree.page({ sort: 'name' }).entries.map((entry) => entry.path)).toEqual([
      'etc',
      'opt',
      'srv',
    ]);
  });

  it('does not count what a layer removed in a directory that stays', () => {
    const tree = indexOf([base, replacing], 1, false);
    expect(tree.page({ directory: 'opt' }).entries).toEqual([
      expect.objectContaining({ path: 'opt/app', size: 2 }),
    ]);
    expect(tree.page({ directory: 'opt/app' }).entries[1]).toMatchObject({ size: 20 });
  });

  it('pages through a large directory with its total', () => {
    const files = Array.from({ length: 1200 }, (_, index) =>
      file(`data/f${String(index).padStart(4, '0')}`, index),
    );
    const tree = indexOf([layer([dir('data'), ...files])], 0, false);
    const first = tree.page({ directory: 'data', limit: 500 });
    const last = tree.page({ directory: 'data', offset: 1000, limit: 500 });
    expect(first.total).toBe(1200);
    expect(first.entries).toHaveLength(500);
    expect(first.entries[0]?.path).toBe('data/f0000');
    expect(last.entries.map((entry) => entry.path)).toHaveLength(200);
    expect(last.entries.at(-1)?.path).toBe('data/f1199');
    expect(tree.page({ directory: 'data', sort: 'size', limit: 1 }).entries[0]?.path).toBe(
      'data/f1199',
    );
  });

  it('refuses a directory that is not in the tree', () => {
    const tree = indexOf([base], 0, false);
    expect(() => tree.page({ directory: 'nowhere' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});

describe('a search of a layer’s tree', () => {
  it('gives the matching paths with their ancestors, parents first, whatever the case', () => {
    const tree = indexOf([base, replacing], 1, true);
    const found = tree.page({ search: ' SUB/Y ', marks: ['removed', 'lower'] });
    expect(found.total).toBe(1);
    expect(found.entries.map((entry) => entry.path)).toEqual([
      'opt',
      'opt/app',
      'opt/app/sub',
      'opt/app/sub/y',
    ]);
  });

  it('matches only entries of the chosen marks', () => {
    const tree = indexOf([base, replacing], 1, true);
    expect(tree.page({ search: 'release', marks: ['lower'] }).total).toBe(0);
    expect(tree.page({ search: 'release', marks: ['modified'] }).total).toBe(1);
  });

  it('caps the matches at the limit and says how many there are, in the chosen order', () => {
    const files = Array.from({ length: 30 }, (_, index) => file(`a/log${index}.txt`, index));
    const tree = indexOf([layer([dir('a'), ...files, file('b/log.txt', 99)])], 0, false);
    const capped = tree.page({ search: 'log', limit: 5 });
    expect(capped.total).toBe(31);
    expect(capped.entries.filter((entry) => entry.type === 'file')).toHaveLength(5);
    expect(capped.entries[0]?.path).toBe('a');
    const bySize = tree.page({ search: 'log', sort: 'size', limit: 31 });
    expect(bySize.entries.slice(0, 3).map((entry) => entry.path)).toEqual([
      'a',
      'a/log29.txt',
      'a/log28.txt',
    ]);
    expect(bySize.entries.at(-2)?.path).toBe('b');
    // Capped by size, the matches kept are those that come first in the tree sorted by size.
    const largest = tree.page({ search: 'log', sort: 'size', limit: 2 });
    expect(largest.entries.map((entry) => entry.path)).toEqual(['a', 'a/log29.txt', 'a/log28.txt']);
    expect(tree.page({ search: 'log', directory: 'b' }).entries.map((entry) => entry.path)).toEqual(
      ['b', 'b/log.txt'],
    );
  });
});
