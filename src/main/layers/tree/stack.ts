import type { ChangeKind, LayerChanges, LayerContents, LayerEntry, PathChange } from './model';
import { parentOf } from './paths';

/**
 * The merged filesystem of layers 0..i, built one layer at a time by the OCI rules: opaque
 * whiteouts hide the lower contents of a directory, `.wh.` whiteouts delete a lower subtree,
 * a directory over a directory changes only attributes, any other collision replaces the
 * lower subtree, and the last entry for a path in one layer wins. Each apply says what the
 * layer changed, comparing the stack before and after it for every path it touched.
 *
 * Paths are kept in a map with a child index, so a whiteout costs the size of the subtree it
 * removes, never a walk of the whole stack.
 */
export class LayerStack {
  private readonly nodes = new Map<string, LayerEntry>();
  private readonly children = new Map<string, Set<string>>();
  private totalBytes = 0;

  /** The entry at a path of the merged filesystem. */
  get(path: string): LayerEntry | undefined {
    return this.nodes.get(path);
  }

  /** Paths directly under a directory ('' is the root). */
  childrenOf(path: string): string[] {
    return [...(this.children.get(path) ?? [])].sort();
  }

  /** Bytes of the files at and below a path, and whether the path is a directory. */
  subtreeBytes(path: string): { bytes: number; wasDirectory: boolean } {
    const entry = this.nodes.get(path);
    if (!entry) return { bytes: 0, wasDirectory: false };
    let bytes = entry.size;
    for (const child of this.children.get(path) ?? []) bytes += this.subtreeBytes(child).bytes;
    return { bytes, wasDirectory: entry.type === 'dir' };
  }

  get size(): number {
    return this.totalBytes;
  }

  get entryCount(): number {
    return this.nodes.size;
  }

  /**
   * Stacks a layer. Without `listChanges` only the counts are kept, not the list of what
   * changed (a report of the counts alone needs no sorted list of every path).
   */
  apply(
    layer: LayerContents,
    { listChanges = true }: { listChanges?: boolean } = {},
  ): LayerChanges {
    const before = new Map<string, LayerEntry | undefined>();
    const remember = (path: string) => {
      if (!before.has(path)) before.set(path, this.nodes.get(path));
    };
    const sizeBefore = this.totalBytes;

    // Whiteouts act on the lower layers only, so they go first.
    for (const directory of layer.opaqueDirectories) {
      for (const child of this.childrenOf(directory)) this.removeSubtree(child, remember);
    }
    for (const path of layer.deletions) this.removeSubtree(path, remember);

    let tarBytes = 0;
    for (const entry of layer.entries) {
      tarBytes += entry.size;
      this.ensureParents(entry.path, remember);
      const lower = this.nodes.get(entry.path);
      remember(entry.path);
      if (lower && !(lower.type === 'dir' && entry.type === 'dir')) {
        this.removeSubtree(entry.path, remember);
      }
      this.put(entry);
    }

    const changes: PathChange[] = [];
    const counts: Record<ChangeKind, number> = { added: 0, modified: 0, removed: 0, unmodified: 0 };
    // The default sort compares code units, as `<` does, and needs no callback per comparison.
    const touched = listChanges ? [...before.keys()].sort() : before.keys();
    for (const path of touched) {
      const old = before.get(path);
      const now = this.nodes.get(path);
      const kind = changeKind(old, now);
      if (kind === undefined) continue;
      counts[kind]++;
      if (listChanges) changes.push({ path, kind, entry: (now ?? old) as LayerEntry });
    }
    return { changes, counts, tarBytes, deltaBytes: this.totalBytes - sizeBefore };
  }

  /** A directory for every missing parent; a non-directory in the way is replaced. */
  private ensureParents(path: string, remember: (path: string) => void): void {
    const parent = parentOf(path);
    if (parent === '') return;
    const existing = this.nodes.get(parent);
    if (existing?.type === 'dir') return;
    this.ensureParents(parent, remember);
    remember(parent);
    if (existing) this.removeSubtree(parent, remember);
    this.put({ path: parent, type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 });
  }

  private put(entry: LayerEntry): void {
    const previous = this.nodes.get(entry.path);
    if (previous) this.totalBytes -= previous.size;
    this.nodes.set(entry.path, entry);
    this.totalBytes += entry.size;
    const parent = parentOf(entry.path);
    let siblings = this.children.get(parent);
    if (!siblings) this.children.set(parent, (siblings = new Set()));
    siblings.add(entry.path);
  }

  private removeSubtree(path: string, remember: (path: string) => void): void {
    const entry = this.nodes.get(path);
    if (!entry) return;
    for (const child of this.children.get(path) ?? []) this.removeSubtree(child, remember);
    remember(path);
    this.children.delete(path);
    this.nodes.delete(path);
    this.totalBytes -= entry.size;
    this.children.get(parentOf(path))?.delete(path);
  }
}

function changeKind(
  before: LayerEntry | undefined,
  after: LayerEntry | undefined,
): ChangeKind | undefined {
  if (!before && !after) return undefined;
  if (!before) return 'added';
  if (!after) return 'removed';
  return sameEntry(before, after) ? 'unmodified' : 'modified';
}

/** Equal for the change list: mtime never counts; a directory's contents are its children's. */
function sameEntry(a: LayerEntry, b: LayerEntry): boolean {
  if (a.type !== b.type || a.mode !== b.mode || a.uid !== b.uid || a.gid !== b.gid) return false;
  if (a.type === 'dir') return true;
  return a.contentHash === b.contentHash && a.linkTarget === b.linkTarget;
}
