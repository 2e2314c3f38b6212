import { PassThrough } from 'node:stream';
import { StowageError, type LayerChange, type LayerSummary } from '../../shared';
import { RecentlyUsed } from './analysis-cache';
import { analyseArchive, ImageAnalyser, instructionsOf, type ImageAnalysis } from './analysis';
import {
  ArchiveChoiceError,
  readImageArchive,
  type ArchiveLayer,
  type ImageConfig,
} from './archive';
import { layerFileTree, mergedFilesystem } from './tree/file-tree';
import type { LayerEntry } from './tree/model';
import { shownSizes } from './tree/link-sizes';
import { FileTreeIndex } from './tree/tree-index';
import type { WasteReport } from './tree/waste';
import type {
  AnalysisPort,
  AnalysisQuery,
  HostMessage,
  QueryAnswers,
  WorkerMessage,
} from './worker-protocol';

const listedPaths = 100;
/** Indexed trees kept per image: a layer's own and its aggregated one, for a few layers. */
const indexedTrees = 4;

/**
 * The worker's side: reads the export bytes the host sends, reports each layer as it is read
 * and stacked, then keeps the analysis (metadata only) and answers queries about it.
 */
export function serveAnalysis(port: AnalysisPort): void {
  const send = (message: WorkerMessage) => port.postMessage(message);
  const input = new PassThrough();
  let analysis: ImageAnalysis | undefined;
  let merged: { layer: number; files: Map<string, LayerEntry> } | undefined;
  const trees = new RecentlyUsed<FileTreeIndex>(indexedTrees);

  const mergedUpTo = (layer: number, done: ImageAnalysis) => {
    if (merged?.layer !== layer) {
      const files = mergedFilesystem(done.layers.slice(0, layer + 1).map((each) => each.changes));
      merged = { layer, files };
    }
    return merged.files;
  };

  const answer = (query: AnalysisQuery): QueryAnswers[AnalysisQuery['name']] => {
    if (!analysis) throw new StowageError('NOT_FOUND', 'The image has not been read yet.');
    const chosen = analysis.layers[query.layer];
    if (!chosen) {
      throw new StowageError(
        'NOT_FOUND',
        `The image has ${analysis.layers.length} layers, not ${query.layer + 1}.`,
      );
    }
    if (query.name === 'tree') {
      const done = analysis;
      const { layer, aggregated, ...page } = query;
      const tree = trees.get(`${layer}:${aggregated}`, () => {
        const files = mergedUpTo(layer, done);
        return new FileTreeIndex(layerFileTree(chosen.changes, files, aggregated));
      });
      return tree.page(page);
    }
    const wanted = new Set(query.kinds ?? ['added', 'modified', 'removed']);
    const needle = query.search?.trim().toLowerCase() ?? '';
    const matching = chosen.changes.filter(
      (change) =>
        wanted.has(change.kind) && (needle === '' || change.path.toLowerCase().includes(needle)),
    );
    const offset = query.offset ?? 0;
    const sizeOf = shownSizes(chosen.changes);
    return {
      total: matching.length,
      changes: matching
        .slice(offset, offset + (query.limit ?? 1000))
        .map(({ path, kind, entry }): LayerChange => ({
          path,
          kind,
          type: entry.type,
          size: sizeOf(entry),
          mode: entry.mode,
          uid: entry.uid,
          gid: entry.gid,
          ...(entry.linkTarget !== undefined ? { linkTarget: entry.linkTarget } : {}),
        })),
    };
  };

  const start = async ({
    imageId,
    diffIds,
    instructions,
    select,
  }: HostMessage & { type: 'start' }) => {
    const analyser = new ImageAnalyser(imageId);
    const read = new Map<string, ArchiveLayer>();
    let named: string[] | undefined;
    const sent: LayerSummary[] = [];
    const stackReady = () => {
      for (let next = read.get(diffIds[analyser.stacked] ?? ''); next;) {
        const index = analyser.stacked;
        const summary = analyser.add(next, named?.[index] ?? instructions[index] ?? '');
        sent.push({ ...summary });
        send({ type: 'stacked', layer: summary });
        next = read.get(diffIds[analyser.stacked] ?? '');
      }
    };
    try {
      const archive = await readImageArchive(input, {
        ...(select?.image !== undefined ? { image: select.image } : {}),
        ...(select?.platform !== undefined ? { platform: select.platform } : {}),
        onLayer: (layer) => {
          send({ type: 'read', bytes: layer.blobBytes });
          read.set(layer.diffId, layer);
          stackReady();
        },
        onJson: (_name, value) => {
          const config = value as ImageConfig | undefined;
          if (config?.rootfs?.type === 'layers') named = instructionsOf(config);
        },
      });
      const order = archive.layers.map((layer) => layer.diffId);
      if (analyser.stacked === order.length && order.every((id, index) => id === diffIds[index])) {
        analyser.nameInstructions(instructionsOf(archive.config));
        analysis = analyser.finish();
        // A layer stacked before the config was read is named again, now exactly.
        for (const layer of analysis.layers) {
          if (layer.summary.instruction !== sent[layer.summary.index]?.instruction) {
            send({ type: 'stacked', layer: layer.summary });
          }
        }
      } else {
        // The engine's list of layers did not match the archive: stack it again, in its order.
        analysis = analyseArchive(imageId, archive, (layer) => send({ type: 'stacked', layer }));
      }
      const image = { id: archive.id, tags: archive.repoTags };
      send({
        type: 'done',
        layers: analysis.layers.length,
        waste: shortWaste(analysis.waste),
        image,
      });
    } catch (error) {
      send({
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
        ...(error instanceof ArchiveChoiceError
          ? { choice: { what: error.what, choices: error.choices } }
          : {}),
      });
    }
  };

  port.on('message', (raw) => {
    const message = raw as HostMessage;
    switch (message.type) {
      case 'start':
        void start(message);
        return;
      case 'chunk':
        input.write(Buffer.from(message.bytes), () => send({ type: 'ack' }));
        return;
      case 'end':
        input.end();
        return;
      case 'query':
        try {
          send({ type: 'answer', id: message.id, result: answer(message.query) });
        } catch (error) {
          const code = error instanceof StowageError ? error.code : 'INTERNAL';
          send({
            type: 'answer',
            id: message.id,
            error: { code, message: error instanceof Error ? error.message : String(error) },
          });
        }
    }
  });
}

/** The waste figures with their lists cut to what a screen shows. */
function shortWaste(waste: WasteReport): WasteReport {
  return {
    ...waste,
    causes: waste.causes.slice(0, listedPaths),
    inefficiencies: waste.inefficiencies.slice(0, listedPaths),
  };
}
