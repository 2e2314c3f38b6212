import {
  StowageError,
  type FileTreeEntry,
  type FileTreePage,
  type TreeMark,
} from '../../../shared';
import type { FileTreeNode } from './model';

/** Which page of a tree is wanted: a directory's children, or the paths matching a search. */
export interface TreePageQuery {
  /** '' (or absent) is the root. */
  directory?: string;
  marks?: readonly TreeMark[];
  search?: string;
  sort?: 'name' | 'size';
  offset?: number;
  limit?: number;
}

export const changeMarks: readonly TreeMark[] = ['added', 'modified', 'removed'];
export const defaultPageSize = 500;

const markBits: Record<TreeMark, number> = {
  added: 1,
  modified: 2,
  removed: 4,
  unmodified: 8,
  lower: 16,
};
const changeBits = markBits.added | markBits.modified | markBits.removed;
const root = -1;

const markOf = (node: FileTreeNode): TreeMark => node.kind ?? 'lower';

/**
 * A layer's file tree indexed once, so that every page of it costs what the page holds: the
 * children of each directory in name order (by size when first asked), each directory's
 * bytes, which marks occur at or below each entry (so a filter knows at once whether a
 * directory has something to show), and whether something below it changed.
 */
export class FileTreeIndex {
  readonly counts: Record<TreeMark, number> = {
    added: 0,
    modified: 0,
    removed: 0,
    unmodified: 0,
    lower: 0,
  };
  private readonly indexOfPath = new Map<string, number>();
  /** Children by parent index (-1 is the root), in name order: the nodes come in path order. */
  private readonly childrenByName = new Map<number, number[]>();
  private readonly childrenBySize = new Map<number, number[]>();
  private readonly bytes: Float64Array;
  private readonly marksAtOrBelow: Uint8Array;
  private readonly changesBelow: Uint8Array;
  private lowerCasePaths: string[] | undefined;
  private bySizeOrder: number[] | undefined;

  /** `nodes` as layerFileTree gives them: sorted by path, parents first. */
  constructor(private readonly nodes: readonly FileTreeNode[]) {
    const count = nodes.length;
    this.bytes = new Float64Array(count);
    this.marksAtOrBelow = new Uint8Array(count);
    this.changesBelow = new Uint8Array(count);
    nodes.forEach((node, index) => {
      this.indexOfPath.set(node.path, index);
      let siblings = this.childrenByName.get(node.parent);
      if (!siblings) this.childrenByName.set(node.parent, (siblings = []));
      siblings.push(index);
      if (node.type === 'file') this.bytes[index] = node.size;
      this.marksAtOrBelow[index] = markBits[markOf(node)];
      if (!node.implicit || node.kind) this.counts[markOf(node)]++;
    });
    // Children come after their parent, so one backwards pass folds every subtree.
    for (let index = count - 1; index >= 0; index--) {
      const node = nodes[index] as FileTreeNode;
      if (node.parent === root) continue;
      // What a layer removed is no longer in a directory that stays.
      const gone = node.kind === 'removed' && nodes[node.parent]?.kind !== 'removed';
      if (!gone)
        this.bytes[node.parent] = (this.bytes[node.parent] ?? 0) + (this.bytes[index] ?? 0);
      const below = this.marksAtOrBelow[index] ?? 0;
      this.marksAtOrBelow[node.parent] = (this.marksAtOrBelow[node.parent] ?? 0) | below;
      if ((markBits[markOf(node)] & changeBits) !== 0 || this.changesBelow[index]) {
        this.changesBelow[node.parent] = 1;
      }
    }
  }

  get size(): number {
    return this.nodes.length;
  }

  page(query: TreePageQuery): FileTreePage {
    const mask = (query.marks ?? changeMarks).reduce((bits, mark) => bits | markBits[mark], 0);
    const directory = query.directory ?? '';
    const parent = directory === '' ? root : this.indexOfPath.get(directory);
    if (parent === undefined) {
      throw new StowageError('NOT_FOUND', `There is no /${directory} in this tree.`);
    }
    const offset = query.offset ?? 0;
    const limit = query.limit ?? defaultPageSize;
    const sort = query.sort ?? 'name';
    const needle = query.search?.trim().toLowerCase() ?? '';
    if (needle !== '') return this.searchPage(parent, needle, mask, sort, offset, limit);
    const shown = this.children(parent, sort).filter((child) => this.shows(child, mask));
    return {
      entries: shown.slice(offset, offset + limit).map((index) => this.entry(index, mask)),
      total: shown.length,
      counts: this.counts,
    };
  }

  /**
   * Matches of the chosen marks whose path holds the needle, under `parent`, counted along
   * the tree as it is sorted (so a capped search shows the matches that come first in the
   * view): the page's matches and every ancestor of one, as a depth-first walk in that order.
   */
  private searchPage(
    parent: number,
    needle: string,
    mask: number,
    sort: 'name' | 'size',
    offset: number,
    limit: number,
  ): FileTreePage {
    const paths = (this.lowerCasePaths ??= this.nodes.map((node) => node.path.toLowerCase()));
    const prefix = parent === root ? '' : `${paths[parent]}/`;
    const included = new Uint8Array(this.nodes.length);
    let matches = 0;
    for (const index of this.depthFirst(sort)) {
      const path = paths[index] as string;
      const node = this.nodes[index] as FileTreeNode;
      if ((markBits[markOf(node)] & mask) === 0 || !path.includes(needle)) continue;
      if (prefix !== '' && !path.startsWith(prefix)) continue;
      matches++;
      if (matches <= offset || matches > offset + limit) continue;
      for (let at = index; at !== root && !included[at]; at = this.nodes[at]?.parent ?? root) {
        included[at] = 1;
      }
    }
    const entries: FileTreeEntry[] = [];
    const pending = this.children(root, sort)
      .filter((child) => included[child])
      .reverse();
    while (pending.length > 0) {
      const index = pending.pop() as number;
      entries.push(this.entry(index, mask));
      const below = this.children(index, sort).filter((child) => included[child]);
      for (let at = below.length - 1; at >= 0; at--) pending.push(below[at] as number);
    }
    return { entries, total: matches, counts: this.counts };
  }

  /** Every node, each directory followed by its subtree, children in the chosen order. */
  private depthFirst(sort: 'name' | 'size'): Iterable<number> {
    // The nodes come in path order, which is the depth-first walk by name.
    if (sort === 'name') return this.nodes.keys();
    if (!this.bySizeOrder) {
      const order: number[] = [];
      const pending = [...this.children(root, 'size')].reverse();
      while (pending.length > 0) {
        const index = pending.pop() as number;
        order.push(index);
        const below = this.children(index, 'size');
        for (let at = below.length - 1; at >= 0; at--) pending.push(below[at] as number);
      }
      this.bySizeOrder = order;
    }
    return this.bySizeOrder;
  }

  private shows(index: number, mask: number): boolean {
    return ((this.marksAtOrBelow[index] ?? 0) & mask) !== 0;
  }

  private children(parent: number, sort: 'name' | 'size'): readonly number[] {
    const byName = this.childrenByName.get(parent) ?? [];
    if (sort === 'name') return byName;
    let bySize = this.childrenBySize.get(parent);
    if (!bySize) {
      // Largest first; the same size keeps name order, which is index order among siblings.
      bySize = [...byName].sort((a, b) => this.sizeOf(b) - this.sizeOf(a) || a - b);
      this.childrenBySize.set(parent, bySize);
    }
    return bySize;
  }

  private sizeOf(index: number): number {
    const node = this.nodes[index] as FileTreeNode;
    return node.type === 'dir' ? (this.bytes[index] ?? 0) : node.size;
  }

  private entry(index: number, mask: number): FileTreeEntry {
    const node = this.nodes[index] as FileTreeNode;
    let childCount = 0;
    for (const child of this.childrenByName.get(index) ?? []) {
      if (this.shows(child, mask)) childCount++;
    }
    const entry: FileTreeEntry = {
      path: node.path,
      name: node.name,
      type: node.type,
      mark: markOf(node),
      size: this.sizeOf(index),
      mode: node.mode,
      uid: node.uid,
      gid: node.gid,
      childCount,
      changedBelow: this.changesBelow[index] === 1,
    };
    if (node.linkTarget !== undefined) entry.linkTarget = node.linkTarget;
    if (node.implicit) entry.implicit = true;
    return entry;
  }
}
