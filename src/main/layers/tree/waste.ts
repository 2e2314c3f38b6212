import type { LayerContents, LayerEntry } from './model';
import { parentOf } from './paths';

/** The sizes below a path in the stack under a layer, for whiteout sizes. */
export type LowerSubtreeBytes = (path: string) => { bytes: number; wasDirectory: boolean };

/** One layer as the waste figures need it. */
export interface WasteLayer {
  contents: LayerContents;
  /** For the layer's whiteouts: what the stack below it held at the removed path. */
  lower: LowerSubtreeBytes;
}

export interface WasteReport {
  /** dive's figure: Σ min / Σ cumulative over the leaf paths of every layer (1 when empty). */
  efficiency: number;
  /** Σ cumulative over paths that appear in two or more layers. */
  wastedBytes: number;
  /** wastedBytes over the bytes of every layer but the first. */
  userWastedPercent: number;
  /** Stowage's figure: Σ (cumulative − min), plus bytes hidden by directory and opaque whiteouts. */
  reclaimableBytes: number;
  /** What makes the reclaimable bytes, largest first. */
  causes: { path: string; bytes: number; layers: number }[];
  /** dive's list: paths with entries in two or more layers, largest cumulative size first. */
  inefficiencies: { path: string; count: number; cumulativeBytes: number }[];
}

interface Leaf {
  path: string;
  bytes: number;
}

/**
 * A layer's own tree, as dive builds it: its tar entries and a node for each `.wh.` whiteout
 * (opaque markers are not nodes), missing parents implied. Its leaves are the nodes with no
 * child in that tree; a whiteout leaf weighs what it deleted when that was a directory.
 */
function leavesOf(layer: WasteLayer): Leaf[] {
  const sizes = new Map<string, number>();
  for (const entry of layer.contents.entries) sizes.set(entry.path, headerSize(entry));
  for (const path of layer.contents.deletions) {
    const lower = layer.lower(path);
    sizes.set(path, lower.wasDirectory ? lower.bytes : 0);
  }
  const parents = new Set<string>();
  for (const path of sizes.keys()) {
    // A parent already in the set brought its own parents with it.
    for (let parent = parentOf(path); parent !== '' && !parents.has(parent);) {
      parents.add(parent);
      parent = parentOf(parent);
    }
  }
  return [...sizes]
    .filter(([path]) => !parents.has(path))
    .map(([path, bytes]) => ({ path, bytes }));
}

function headerSize(entry: LayerEntry): number {
  return entry.type === 'file' ? entry.size : 0;
}

export function wasteReport(
  layers: readonly WasteLayer[],
  layerBytes: readonly number[],
): WasteReport {
  const byPath = new Map<string, number[]>();
  for (const layer of layers) {
    for (const leaf of leavesOf(layer)) {
      const sizes = byPath.get(leaf.path) ?? [];
      sizes.push(leaf.bytes);
      byPath.set(leaf.path, sizes);
    }
  }
  let cumulative = 0;
  let minimum = 0;
  let wastedBytes = 0;
  const causes: WasteReport['causes'] = [];
  const inefficiencies: WasteReport['inefficiencies'] = [];
  for (const [path, sizes] of byPath) {
    const sum = sizes.reduce((total, size) => total + size, 0);
    const least = Math.min(...sizes);
    cumulative += sum;
    minimum += least;
    if (sizes.length >= 2) {
      wastedBytes += sum;
      inefficiencies.push({ path, count: sizes.length, cumulativeBytes: sum });
      if (sum - least > 0) causes.push({ path, bytes: sum - least, layers: sizes.length });
    }
  }
  let hidden = 0;
  for (const layer of layers) {
    const removed = [...layer.contents.deletions, ...layer.contents.opaqueDirectories];
    for (const path of removed) {
      const lower = layer.lower(path);
      if (!lower.wasDirectory || lower.bytes === 0) continue;
      hidden += lower.bytes;
      causes.push({ path, bytes: lower.bytes, layers: 1 });
    }
  }
  const userBytes = layerBytes.slice(1).reduce((total, bytes) => total + bytes, 0);
  return {
    efficiency: cumulative === 0 ? 1 : minimum / cumulative,
    wastedBytes,
    userWastedPercent: userBytes === 0 ? 0 : wastedBytes / userBytes,
    reclaimableBytes: cumulative - minimum + hidden,
    causes: causes.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1)),
    inefficiencies: inefficiencies.sort(
      (a, b) => b.cumulativeBytes - a.cumulativeBytes || (a.path < b.path ? -1 : 1),
    ),
  };
}
