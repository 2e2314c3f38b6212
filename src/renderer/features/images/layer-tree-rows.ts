import type { FileTreeNode } from '../../../shared';

/** What the tree shows of a node: its own mark, or "from a lower layer" in the aggregated view. */
export type TreeMark = NonNullable<FileTreeNode['kind']> | 'lower';

export const markOf = (node: FileTreeNode): TreeMark => node.kind ?? 'lower';

/** The tree's structure, worked out once per answer of `layers.tree`. */
export interface IndexedTree {
  nodes: readonly FileTreeNode[];
  roots: number[];
  children: number[][];
  /** A directory's bytes: its files' sizes below it, without what the layer removed. */
  subtreeBytes: number[];
  /** Whether something below a node is added, modified or removed. */
  changedBelow: boolean[];
}

export function indexTree(nodes: readonly FileTreeNode[]): IndexedTree {
  const children: number[][] = nodes.map(() => []);
  const roots: number[] = [];
  nodes.forEach((node, index) => (node.parent < 0 ? roots : children[node.parent])?.push(index));
  const subtreeBytes = nodes.map((node) => (node.type === 'file' ? node.size : 0));
  const changedBelow = nodes.map(() => false);
  // Children come after their parent, so one backwards pass sums every subtree.
  for (let index = nodes.length - 1; index >= 0; index--) {
    const node = nodes[index] as FileTreeNode;
    if (node.parent < 0) continue;
    // What a layer removed is no longer in a directory that stays.
    const gone = node.kind === 'removed' && nodes[node.parent]?.kind !== 'removed';
    if (!gone) {
      subtreeBytes[node.parent] = (subtreeBytes[node.parent] ?? 0) + (subtreeBytes[index] ?? 0);
    }
    const changed = node.kind === 'added' || node.kind === 'modified' || node.kind === 'removed';
    if (changed || changedBelow[index]) changedBelow[node.parent] = true;
  }
  return { nodes, roots, children, subtreeBytes, changedBelow };
}

export interface TreeView {
  /** Which marks are shown; their ancestors are shown too, so that they have a place. */
  marks: ReadonlySet<TreeMark>;
  search: string;
  sort: 'name' | 'size';
  /** Expanded unless toggled when true; collapsed unless toggled when false. */
  expandAll: boolean;
  toggled: ReadonlySet<string>;
}

export interface TreeRow {
  index: number;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
}

/** The nodes that match the marks and the search, with every ancestor of one that does. */
export function visibleNodes(
  tree: IndexedTree,
  view: Pick<TreeView, 'marks' | 'search'>,
): boolean[] {
  const needle = view.search.trim().toLowerCase();
  const visible = tree.nodes.map(() => false);
  for (let index = tree.nodes.length - 1; index >= 0; index--) {
    const node = tree.nodes[index] as FileTreeNode;
    const matches =
      view.marks.has(markOf(node)) && (needle === '' || node.path.toLowerCase().includes(needle));
    if (matches) visible[index] = true;
    if (visible[index] && node.parent >= 0) visible[node.parent] = true;
  }
  return visible;
}

/**
 * The rows a virtualised list draws: a depth-first walk of the visible nodes in the chosen
 * order, into the expanded directories only. While a search is on, every directory on the
 * way to a match is open unless the user closed it.
 */
export function treeRows(tree: IndexedTree, view: TreeView): TreeRow[] {
  const visible = visibleNodes(tree, view);
  const searching = view.search.trim() !== '';
  const order = (indices: number[]) => {
    const shown = indices.filter((index) => visible[index]);
    return view.sort === 'size'
      ? shown.sort(
          (a, b) =>
            (tree.subtreeBytes[b] ?? 0) - (tree.subtreeBytes[a] ?? 0) ||
            byName(tree.nodes[a], tree.nodes[b]),
        )
      : shown.sort((a, b) => byName(tree.nodes[a], tree.nodes[b]));
  };
  const rows: TreeRow[] = [];
  const stack: { index: number; depth: number }[] = order(tree.roots)
    .reverse()
    .map((index) => ({ index, depth: 0 }));
  while (stack.length > 0) {
    const { index, depth } = stack.pop() as { index: number; depth: number };
    const node = tree.nodes[index] as FileTreeNode;
    const children = order(tree.children[index] ?? []);
    const open = (searching || view.expandAll) !== view.toggled.has(node.path);
    rows.push({
      index,
      depth,
      hasChildren: children.length > 0,
      expanded: open && children.length > 0,
    });
    if (open)
      for (const child of children.reverse()) stack.push({ index: child, depth: depth + 1 });
  }
  return rows;
}

function byName(a: FileTreeNode | undefined, b: FileTreeNode | undefined): number {
  const left = a?.name ?? '';
  const right = b?.name ?? '';
  return left < right ? -1 : left > right ? 1 : 0;
}
