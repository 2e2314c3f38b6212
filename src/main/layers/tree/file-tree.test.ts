import { describe, expect, it } from 'vitest';
import { comparePaths, layerFileTree, mergedFilesystem } from './file-tree';
import type { LayerContents, LayerEntry, PathChange } from './model';
import { LayerStack } from './stack';

const dir = (path: string): LayerEntry => ({
  path,
  type: 'dir',
  size: 0,
  mode: 0o755,
  uid: 0,
  gid: 0,
});
const file = (path: string, content: string, uid = 0): LayerEntry => ({
  path,
  type: 'file',
  size: content.length,
  mode: 0o644,
  uid,
  gid: 0,
  contentHash: `h:${content}`,
});
const layer = (entries: LayerEntry[], deletions: string[] = []): LayerContents => ({
  entries,
  deletions,
  opaqueDirectories: [],
});

/** Stacks the layers and keeps each one's change list, as the analysis does. */
function stacked(layers: LayerContents[]): PathChange[][] {
  const stack = new LayerStack();
  return layers.map((contents) => stack.apply(contents).changes);
}

const base = layer([
  dir('opt'),
  dir('opt/app'),
  file('opt/app/x', 'x'),
  dir('opt/app/sub'),
  file('opt/app/sub/y', 'y'),
  file('etc/release', '1.0'),
]);
const replacing = layer([dir('opt'), dir('opt/app'), file('opt/app/new', 'x\n')], ['opt/app']);

describe('the merged filesystem', () => {
  it('is the stack after the layers, replayed from their change lists', () => {
    const changes = stacked([base, replacing]);
    const replayed = mergedFilesystem(changes);
    expect([...replayed.keys()].sort()).toEqual([
      'etc',
      'etc/release',
      'opt',
      'opt/app',
      'opt/app/new',
    ]);
    expect([...mergedFilesystem(changes.slice(0, 1)).keys()]).toContain('opt/app/sub/y');
  });
});

describe('a layer’s file tree', () => {
  it('marks every path the layer touched, parents first', () => {
    const changes = stacked([base, replacing]);
    const nodes = layerFileTree(changes[1] ?? [], mergedFilesystem(changes), false);
    expect(nodes.map((node) => [node.path, node.kind, node.parent])).toEqual([
      ['opt', 'unmodified', -1],
      ['opt/app', 'unmodified', 0],
      ['opt/app/new', 'added', 1],
      ['opt/app/sub', 'removed', 1],
      ['opt/app/sub/y', 'removed', 3],
      ['opt/app/x', 'removed', 1],
    ]);
  });

  it('in the aggregated view holds the whole stack, the untouched paths without a mark', () => {
    const changes = stacked([base, replacing]);
    const nodes = layerFileTree(changes[1] ?? [], mergedFilesystem(changes), true);
    const byPath = Object.fromEntries(nodes.map((node) => [node.path, node.kind ?? 'lower']));
    expect(byPath).toEqual({
      etc: 'lower',
      'etc/release': 'lower',
      opt: 'unmodified',
      'opt/app': 'unmodified',
      'opt/app/new': 'added',
      'opt/app/sub': 'removed',
      'opt/app/sub/y': 'removed',
      'opt/app/x': 'removed',
    });
    const release = nodes.find((node) => node.path === 'etc/release');
    expect(nodes[release?.parent ?? -1]?.path).toBe('etc');
  });

  it('adds the parent directories a layer’s tar leaves out, as implicit', () => {
    const changes = stacked([base, layer([file('etc/release', '2.0')])]);
    const nodes = layerFileTree(changes[1] ?? [], mergedFilesystem(changes), false);
    expect(nodes).toEqual([
      expect.objectContaining({ path: 'etc', implicit: true, type: 'dir', parent: -1 }),
      expect.objectContaining({ path: 'etc/release', kind: 'modified', size: 3, parent: 0 }),
    ]);
    expect(nodes[0]?.kind).toBeUndefined();
  });

  it('gives a hardlink its target’s size and a symlink its target', () => {
    const link: LayerEntry = {
      path: 'bin/sh',
      type: 'hardlink',
      size: 0,
      mode: 0o755,
      uid: 0,
      gid: 0,
      linkTarget: 'bin/busybox',
    };
    const symlink: LayerEntry = { ...link, path: 'bin/ls', type: 'symlink', linkTarget: 'busybox' };
    const changes = stacked([layer([dir('bin'), file('bin/busybox', 'binary!'), link, symlink])]);
    const nodes = layerFileTree(changes[0] ?? [], mergedFilesystem(changes), false);
    expect(nodes.find((node) => node.path === 'bin/sh')).toMatchObject({
      size: 7,
      linkTarget: 'bin/busybox',
    });
    expect(nodes.find((node) => node.path === 'bin/ls')).toMatchObject({
      size: 0,
      linkTarget: 'busybox',
    });
  });
});

describe('path order', () => {
  it('is the same in the tree as comparePaths says', () => {
    const names = ['a-c', 'a/b', 'a', 'a/b/c', 'b', 'a b', 'a/a-b', 'a/a/z', 'a/a'];
    const entries = names.map((path) => ({ ...dir(path), path }));
    const changes = entries.map((entry) => ({ path: entry.path, kind: 'added' as const, entry }));
    const nodes = layerFileTree(changes, new Map(), false);
    expect(nodes.map((node) => node.path)).toEqual([...names].sort(comparePaths));
  });

  it('puts a directory’s children right after it', () => {
    expect(['a-c', 'a/b', 'a', 'a/b/c', 'b'].sort(comparePaths)).toEqual([
      'a',
      'a/b',
      'a/b/c',
      'a-c',
      'b',
    ]);
  });
});
