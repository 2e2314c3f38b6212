import type { ChangeKind, FileTreeNode, LayerEntry, PathChange } from './model';
import { baseName, parentOf } from './paths';

/**
 * The merged filesystem after the given layers, replayed from their change lists: every path
 * a layer touched is listed there with its entry after the layer, or as removed.
 */
export function mergedFilesystem(
  layers: readonly (readonly PathChange[])[],
): Map<string, LayerEntry> {
  const merged = new Map<string, LayerEntry>();
  for (const changes of layers) {
    for (const change of changes) {
      if (change.kind === 'removed') merged.delete(change.path);
      else merged.set(change.path, change.entry);
    }
  }
  return merged;
}

/**
 * The tree of one layer: every path it touched with its change kind (unmodified ones too,
 * so that the view can show them greyed). With `aggregated`, the whole merged filesystem up
 * to and including the layer, where the paths the layer did not touch carry no kind.
 * `merged` is the filesystem after the layer; it gives hardlinks their target's size and
 * the parent directories that the layer's tar does not hold.
 */
export function layerFileTree(
  changes: readonly PathChange[],
  merged: ReadonlyMap<string, LayerEntry>,
  aggregated: boolean,
): FileTreeNode[] {
  const byPath = new Map<string, { entry: LayerEntry; kind?: ChangeKind; implicit?: boolean }>();
  if (aggregated) for (const [path, entry] of merged) byPath.set(path, { entry });
  for (const change of changes) byPath.set(change.path, { entry: change.entry, kind: change.kind });
  for (const path of [...byPath.keys()]) {
    for (let parent = parentOf(path); parent !== '' && !byPath.has(parent);) {
      const entry = merged.get(parent);
      byPath.set(parent, {
        entry: entry ?? { path: parent, type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 },
        implicit: true,
      });
      parent = parentOf(parent);
    }
  }
  // A NUL for each slash sorts as comparePaths does, with one string compare per pair.
  const paths = [...byPath.keys()]
    .map((path) => ({ path, key: path.replaceAll('/', '\0') }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ path }) => path);
  const indexOf = new Map(paths.map((path, index) => [path, index]));
  return paths.map((path) => {
    const { entry, kind, implicit } = byPath.get(path) as {
      entry: LayerEntry;
      kind?: ChangeKind;
      implicit?: boolean;
    };
    const parent = parentOf(path);
    const node: FileTreeNode = {
      path,
      name: baseName(path),
      parent: parent === '' ? -1 : (indexOf.get(parent) ?? -1),
      type: entry.type,
      size: entry.type === 'hardlink' ? hardlinkSize(entry, merged, byPath) : entry.size,
      mode: entry.mode,
      uid: entry.uid,
      gid: entry.gid,
    };
    if (kind !== undefined) node.kind = kind;
    if (entry.linkTarget !== undefined) node.linkTarget = entry.linkTarget;
    if (implicit) node.implicit = true;
    return node;
  });
}

function hardlinkSize(
  link: LayerEntry,
  merged: ReadonlyMap<string, LayerEntry>,
  inView: ReadonlyMap<string, { entry: LayerEntry }>,
): number {
  const target = link.linkTarget ?? '';
  return merged.get(target)?.size ?? inView.get(target)?.entry.size ?? 0;
}

/** Path order where a directory's children directly follow it: `a`, `a/b`, `a-c`. */
export function comparePaths(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const x = left[index] as string;
    const y = right[index] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return left.length - right.length;
}
