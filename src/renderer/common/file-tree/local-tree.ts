import type { FileTreeEntry, FileTreePage, TreeMark } from '../../../shared';
import type { FileTreeLoader, FileTreeQuery } from './tree-pages';

/** A path of a list held in the renderer (a container's changes), as the tree shows it. */
export type LocalTreeItem = Pick<
  FileTreeEntry,
  'path' | 'mark' | 'type' | 'size' | 'mode' | 'uid' | 'gid' | 'linkTarget'
>;

interface LocalNode {
  item: LocalTreeItem;
  implicit: boolean;
  children: LocalNode[];
  bytes?: number;
  marksBelow: number;
  changedBelow: boolean;
}

const markBit = (mark: TreeMark) =>
  ({ added: 1, modified: 2, removed: 4, unmodified: 8, lower: 16 })[mark];
const changed = (mark: TreeMark) => mark === 'added' || mark === 'modified' || mark === 'removed';
const parentOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('/')));

/**
 * Pages of a tree built from a whole list, answered as the main process answers a layer's:
 * the same filter, search and order, so one tree component shows both. Paths lose a leading
 * `/`; the directories the list leaves out are added as implicit.
 */
export function localTreeLoader(items: readonly LocalTreeItem[]): FileTreeLoader {
  const root: LocalNode = {
    item: { path: '', mark: 'lower' },
    implicit: true,
    children: [],
    marksBelow: 0,
    changedBelow: false,
  };
  const nodes = new Map<string, LocalNode>([['', root]]);
  const counts: Record<TreeMark, number> = {
    added: 0,
    modified: 0,
    removed: 0,
    unmodified: 0,
    lower: 0,
  };
  const nodeAt = (path: string): LocalNode => {
    let node = nodes.get(path);
    if (!node) {
      node = {
        item: { path, mark: 'lower', type: 'dir' },
        implicit: true,
        children: [],
        marksBelow: 0,
        changedBelow: false,
      };
      nodes.set(path, node);
      nodeAt(parentOf(path)).children.push(node);
    }
    return node;
  };
  for (const raw of items) {
    const path = raw.path.replace(/^\/+/, '');
    if (path === '') continue;
    const node = nodeAt(path);
    node.item = { ...raw, path };
    node.implicit = false;
    counts[raw.mark]++;
  }
  const fold = (node: LocalNode): void => {
    node.children.sort((a, b) => (a.item.path < b.item.path ? -1 : 1));
    node.marksBelow = markBit(node.item.mark);
    let bytes = node.item.type === 'dir' || node.children.length > 0 ? 0 : node.item.size;
    for (const child of node.children) {
      fold(child);
      node.marksBelow |= child.marksBelow;
      node.changedBelow ||= changed(child.item.mark) || child.changedBelow;
      // What was removed is no longer in a directory that stays.
      const gone = child.item.mark === 'removed' && node.item.mark !== 'removed';
      if (!gone && child.bytes !== undefined) bytes = (bytes ?? 0) + child.bytes;
    }
    node.bytes = bytes;
  };
  fold(root);

  const entryOf = (node: LocalNode, mask: number): FileTreeEntry => ({
    ...node.item,
    name: node.item.path.slice(node.item.path.lastIndexOf('/') + 1),
    ...(node.children.length > 0 || node.item.type === 'dir'
      ? { type: 'dir' as const, size: node.bytes }
      : {}),
    ...(node.implicit ? { implicit: true } : {}),
    childCount: node.children.filter((child) => (child.marksBelow & mask) !== 0).length,
    changedBelow: node.changedBelow,
  });
  const ordered = (children: readonly LocalNode[], sort: FileTreeQuery['sort']) =>
    sort === 'name' ? children : [...children].sort((a, b) => (b.bytes ?? 0) - (a.bytes ?? 0));

  const page = (query: FileTreeQuery): FileTreePage => {
    const mask = query.marks.reduce((bits, mark) => bits | markBit(mark), 0);
    const needle = query.search.trim().toLowerCase();
    const parent = nodes.get(query.directory.replace(/^\/+/, ''));
    if (!parent) return { entries: [], total: 0, counts };
    if (needle === '') {
      const shown = ordered(parent.children, query.sort).filter(
        (child) => (child.marksBelow & mask) !== 0,
      );
      const entries = shown.slice(query.offset, query.offset + query.limit);
      return { entries: entries.map((node) => entryOf(node, mask)), total: shown.length, counts };
    }
    // Depth first in the chosen order: matches of the page, each after its ancestors.
    const entries: FileTreeEntry[] = [];
    let total = 0;
    const walk = (node: LocalNode): boolean => {
      const at = entries.length;
      const matches =
        (markBit(node.item.mark) & mask) !== 0 && node.item.path.toLowerCase().includes(needle);
      if (matches) total++;
      const wanted = matches && total > query.offset && total <= query.offset + query.limit;
      entries.push(entryOf(node, mask));
      let holdsWanted = false;
      for (const child of ordered(node.children, query.sort))
        holdsWanted = walk(child) || holdsWanted;
      if (!wanted && !holdsWanted) entries.splice(at, 1);
      return wanted || holdsWanted;
    };
    for (const child of ordered(parent.children, query.sort)) walk(child);
    return { entries, total, counts };
  };
  return (query) => Promise.resolve(page(query));
}
