import { describe, expect, it } from 'vitest';
import type { FileTreeNode } from '../../../shared';
import { indexTree, treeRows, type TreeMark, type TreeView } from './layer-tree-rows';

let nodes: FileTreeNode[] = [];
const node = (path: string, parent: number, extra: Partial<FileTreeNode> = {}): FileTreeNode => ({
  path,
  name: path.slice(path.lastIndexOf('/') + 1),
  parent,
  type: 'dir',
  size: 0,
  mode: 0o755,
  uid: 0,
  gid: 0,
  ...extra,
});

// etc/ (lower) with release (lower); opt/ (unmodified) with app/ holding a new and a removed file.
nodes = [
  node('etc', -1),
  node('etc/release', 0, { type: 'file', size: 4 }),
  node('opt', -1, { kind: 'unmodified' }),
  node('opt/app', 2, { kind: 'unmodified' }),
  node('opt/app/big', 3, { type: 'file', size: 900, kind: 'added' }),
  node('opt/app/x', 3, { type: 'file', size: 2, kind: 'removed' }),
  node('opt/app/y', 3, { type: 'file', size: 50, kind: 'unmodified' }),
];

const allMarks = new Set<TreeMark>(['added', 'modified', 'removed', 'unmodified', 'lower']);
const view = (overrides: Partial<TreeView> = {}): TreeView => ({
  marks: new Set<TreeMark>(['added', 'modified', 'removed']),
  search: '',
  sort: 'name',
  expandAll: true,
  toggled: new Set(),
  ...overrides,
});
const paths = (tree = indexTree(nodes), options = view()) =>
  treeRows(tree, options).map((row) => `${'  '.repeat(row.depth)}${nodes[row.index]?.name}`);

describe('indexing a layer tree', () => {
  it('sums directory sizes without removed files, and marks the directories with changes below them', () => {
    const tree = indexTree(nodes);
    expect(tree.roots).toEqual([0, 2]);
    expect(tree.subtreeBytes[2]).toBe(950);
    expect(tree.subtreeBytes[5]).toBe(2);
    expect(tree.subtreeBytes[0]).toBe(4);
    expect(tree.changedBelow.slice(0, 4)).toEqual([false, false, true, true]);
    expect(tree.changedBelow[6]).toBe(false);
  });
});

describe('the rows of a layer tree', () => {
  it('shows only the changes and their directories by default', () => {
    expect(paths()).toEqual(['opt', '  app', '    big', '    x']);
  });

  it('shows everything with every mark on, greyed lower entries included', () => {
    expect(paths(indexTree(nodes), view({ marks: allMarks }))).toEqual([
      'etc',
      '  release',
      'opt',
      '  app',
      '    big',
      '    x',
      '    y',
    ]);
  });

  it('filters to one kind, and searches paths', () => {
    expect(paths(indexTree(nodes), view({ marks: new Set(['removed']) }))).toEqual([
      'opt',
      '  app',
      '    x',
    ]);
    expect(paths(indexTree(nodes), view({ marks: allMarks, search: 'REL' }))).toEqual([
      'etc',
      '  release',
    ]);
  });

  it('sorts by size, largest first', () => {
    expect(paths(indexTree(nodes), view({ marks: allMarks, sort: 'size' }))).toEqual([
      'opt',
      '  app',
      '    big',
      '    y',
      '    x',
      'etc',
      '  release',
    ]);
  });

  it('collapses all, and opens what was toggled', () => {
    const tree = indexTree(nodes);
    expect(paths(tree, view({ expandAll: false }))).toEqual(['opt']);
    expect(paths(tree, view({ expandAll: false, toggled: new Set(['opt']) }))).toEqual([
      'opt',
      '  app',
    ]);
    expect(paths(tree, view({ toggled: new Set(['opt/app']) }))).toEqual(['opt', '  app']);
    const [opt] = treeRows(tree, view({ expandAll: false }));
    expect(opt).toMatchObject({ hasChildren: true, expanded: false, depth: 0 });
  });
});
