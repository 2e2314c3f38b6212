import { readableInstruction, type LayerProgress, type LayerSummary } from '../../shared';
import type { ArchiveLayer, ImageArchive, ImageConfig } from './archive';
import type { PathChange } from './tree/model';
import { LayerStack } from './tree/stack';
import { wasteReport, type WasteLayer, type WasteReport } from './tree/waste';

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
export function instructionsOf(config: ImageConfig): string[] {
  return (config.history ?? [])
    .filter((entry) => !entry.empty_layer)
    .map((entry) => readableInstruction(entry.created_by ?? ''));
}

/**
 * Stacks layers one at a time in build order, so that each can be shown as soon as it and
 * the layers below it have been read: what it changed and its sizes; `finish` adds the waste
 * of the whole image. Pure: the layers have been read already.
 */
export class ImageAnalyser {
  private readonly stack = new LayerStack();
  private readonly layers: LayerAnalysis[] = [];
  private readonly wasteLayers: WasteLayer[] = [];

  /**
   * Without `keepChanges` each layer keeps its counts and sizes but not the list of what it
   * changed: enough for a report of the whole image, and cheaper.
   */
  constructor(
    private readonly imageId: string,
    private readonly options: { keepChanges: boolean } = { keepChanges: true },
  ) {}

  get stacked(): number {
    return this.layers.length;
  }

  add(layer: ArchiveLayer, instruction: string): LayerSummary {
    // What the whiteouts of this layer removed, measured on the stack below it.
    const lowerBytes = new Map(
      [...layer.contents.deletions, ...layer.contents.opaqueDirectories].map((path) => [
        path,
        this.stack.subtreeBytes(path),
      ]),
    );
    const result = this.stack.apply(layer.contents, { listChanges: this.options.keepChanges });
    const summary: LayerSummary = {
      index: this.layers.length,
      diffId: layer.diffId,
      instruction,
      tarBytes: result.tarBytes,
      blobBytes: layer.blobBytes,
      deltaBytes: result.deltaBytes,
      counts: result.counts,
    };
    this.layers.push({ summary, changes: result.changes });
    this.wasteLayers.push({
      contents: layer.contents,
      lower: (path: string) => lowerBytes.get(path) ?? { bytes: 0, wasDirectory: false },
    });
    return summary;
  }

  /** The instructions as the image config gives them, once it has been read. */
  nameInstructions(instructions: readonly string[]): void {
    for (const layer of this.layers) {
      layer.summary.instruction = instructions[layer.summary.index] ?? layer.summary.instruction;
    }
  }

  finish(): ImageAnalysis {
    const waste = wasteReport(
      this.wasteLayers,
      this.layers.map((layer) => layer.summary.tarBytes),
    );
    return { imageId: this.imageId, layers: this.layers, waste };
  }
}

/**
 * Stacks an archive's layers in order: what each changed, its sizes, and the waste of the
 * whole image. `onLayer` hears each layer as it is stacked.
 */
export function analyseArchive(
  imageId: string,
  archive: ImageArchive,
  onLayer: (summary: LayerSummary) => void = () => undefined,
  options: { keepChanges: boolean } = { keepChanges: true },
): ImageAnalysis {
  const instructions = instructionsOf(archive.config);
  const analyser = new ImageAnalyser(imageId, options);
  archive.layers.forEach((layer, index) => onLayer(analyser.add(layer, instructions[index] ?? '')));
  return analyser.finish();
}

export type { LayerProgress };
