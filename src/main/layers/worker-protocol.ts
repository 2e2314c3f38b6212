import type { FileTreePage, LayerChange, LayerSummary } from '../../shared';
import type { ChangeKind } from './tree/model';
import type { TreePageQuery } from './tree/tree-index';
import type { WasteReport } from './tree/waste';

/** A query the analysis worker answers from the image it has read. */
export type AnalysisQuery =
  | {
      name: 'changes';
      layer: number;
      kinds?: ChangeKind[];
      search?: string;
      offset?: number;
      limit?: number;
    }
  | ({ name: 'tree'; layer: number; aggregated: boolean } & TreePageQuery);

export interface QueryAnswers {
  changes: { total: number; changes: LayerChange[] };
  tree: FileTreePage;
}

export interface ArchiveSelection {
  image?: string;
  platform?: string;
}

/** From the host to the worker. */
export type HostMessage =
  /**
   * `diffIds` in build order (from the image inspect) let each layer be stacked as soon as
   * it and those below it are read; `instructions` name them until the config is read.
   */
  | {
      type: 'start';
      imageId: string;
      diffIds: string[];
      instructions: string[];
      /** Which image and platform to read, when an archive holds several. */
      select?: ArchiveSelection;
    }
  /** Bytes of the export, in order; the worker acknowledges each once it has taken it. */
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'end' }
  | { type: 'query'; id: number; query: AnalysisQuery };

/** From the worker to the host. */
export type WorkerMessage =
  | { type: 'ack' }
  | { type: 'read'; bytes: number }
  | { type: 'stacked'; layer: LayerSummary }
  /** `image` as the archive names it: its id (the config's digest) and tags. */
  | { type: 'done'; layers: number; waste: WasteReport; image: { id: string; tags: string[] } }
  /** `choice` when the archive holds several images or platforms and none was selected. */
  | { type: 'failed'; message: string; choice?: { what: 'image' | 'platform'; choices: string[] } }
  | { type: 'answer'; id: number; result?: unknown; error?: { code: string; message: string } };

/** What both ends of the channel need: a worker's port, or one end of a MessageChannel. */
export interface AnalysisPort {
  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}
