import { readableInstruction, type LayerProgress, type LayerSummary } from '../../shared';
import type { ImageArchive } from './archive';
import type { PathChange } from './tree/model';
import { LayerStack } from './tree/stack';
import { wasteReport, type WasteReport } from './tree/waste';

export interface LayerAnalysis {
  summary: LayerSummary;
  changes: PathChange[];
}

export interface ImageAnalysis {
  imageId: string;
  layers: LayerAnalysis[];
  waste: WasteReport;
}

/** The history entries that made layers, in order: those not marked `empty_layer`. */
function instructionsOf(archive: ImageArchive): string[] {
  return (archive.config.history ?? [])
    .filter((entry) => !entry.empty_layer)
    .map((entry) => readableInstruction(entry.created_by ?? ''));
}

/**
 * Stacks an archive's layers in order: what each changed, its sizes, and the waste of the
 * whole image. Pure: the archive has been read already; `onLayer` hears each layer as it is
 * stacked.
 */
export function analyseArchive(
  imageId: string,
  archive: ImageArchive,
  onLayer: (summary: LayerSummary) => void = () => undefined,
): ImageAnalysis {
  const instructions = instructionsOf(archive);
  const stack = new LayerStack();
  const layers: LayerAnalysis[] = [];
  const wasteLayers = archive.layers.map((layer, index) => {
    // What the whiteouts of this layer removed, measured on the stack below it.
    const lowerBytes = new Map(
      [...layer.contents.deletions, ...layer.contents.opaqueDirectories].map((path) => [
        path,
        stack.subtreeBytes(path),
      ]),
    );
    const result = stack.apply(layer.contents);
    const summary: LayerSummary = {
      index,
      diffId: layer.diffId,
      instruction: instructions[index] ?? '',
      tarBytes: result.tarBytes,
      blobBytes: layer.blobBytes,
      deltaBytes: result.deltaBytes,
      counts: result.counts,
    };
    layers.push({ summary, changes: result.changes });
    onLayer(summary);
    return {
      contents: layer.contents,
      lower: (path: string) => lowerBytes.get(path) ?? { bytes: 0, wasDirectory: false },
    };
  });
  const waste = wasteReport(
    wasteLayers,
    layers.map((layer) => layer.summary.tarBytes),
  );
  return { imageId, layers, waste };
}

export type { LayerProgress };
