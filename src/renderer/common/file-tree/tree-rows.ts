import type { FileTreeEntry } from '../../../shared';
import type { TreeSnapshot } from './tree-pages';

/** A row of the tree: an entry, or where more of a directory is to come. */
export type TreeRow =
  | { type: 'entry'; entry: FileTreeEntry; depth: number; expandable: boolean; expanded: boolean }
  /** A directory's children (or the rest of them) not loaded yet, or that failed to load. */
  | { type: 'pending'; directory: string; depth: number; error?: string };

export interface Expansion {
  /** Directories are open unless toggled when true, closed unless toggled when false. */
  expandAll: boolean;
  toggled: ReadonlySet<string>;
}

/**
 * The rows while browsing: a depth-first walk of what is loaded, into the open directories;
 * an open directory whose children are not all loaded ends with a pending row, which loads
 * them once it is on screen.
 */
export function browseRows(snapshot: TreeSnapshot, expansion: Expansion): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (directory: string, depth: number) => {
    const pages = snapshot.directories.get(directory);
    for (const entry of pages?.entries ?? []) {
      const expandable = entry.childCount > 0;
      const expanded = expandable && expansion.expandAll !== expansion.toggled.has(entry.path);
      rows.push({ type: 'entry', entry, depth, expandable, expanded });
      if (expanded) walk(entry.path, depth + 1);
    }
    if (!pages?.complete) rows.push({ type: 'pending', directory, depth, error: pages?.error });
  };
  walk('', 0);
  return rows;
}

/**
 * The rows of a search: the matches with their ancestors as the source gave them, parents
 * first, every directory open unless the user closed it.
 */
export function searchRows(snapshot: TreeSnapshot, toggled: ReadonlySet<string>): TreeRow[] {
  const pages = snapshot.directories.get('');
  const entries = pages?.entries ?? [];
  const rows: TreeRow[] = [];
  let closed: string | undefined;
  entries.forEach((entry, index) => {
    if (closed !== undefined && entry.path.startsWith(`${closed}/`)) return;
    closed = undefined;
    const next = entries[index + 1];
    const expandable = next !== undefined && next.path.startsWith(`${entry.path}/`);
    const expanded = expandable && !toggled.has(entry.path);
    if (expandable && !expanded) closed = entry.path;
    const depth = entry.path.split('/').length - 1;
    rows.push({ type: 'entry', entry, depth, expandable, expanded });
  });
  if (!pages?.complete)
    rows.push({ type: 'pending', directory: '', depth: 0, error: pages?.error });
  return rows;
}
