import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import type { LayerSummary } from '../../shared';
import { AnalysisWorker } from './worker-host';

async function tarOf(items: { name: string; content?: Buffer | string; dir?: boolean }[]) {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const item of items) {
    const content = Buffer.from(item.content ?? '');
    pack.entry(
      item.dir
        ? { name: item.name, type: 'directory', mode: 0o755 }
        : { name: item.name, type: 'file', mode: 0o644, size: content.length },
      item.dir ? '' : content,
    );
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

const sha = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** A legacy `docker save` layout of two layers: a base, then one that deletes a file. */
async function archive(): Promise<{ bytes: Buffer; diffIds: string[] }> {
  const base = await tarOf([
    { name: 'app/', dir: true },
    { name: 'app/x', content: 'x'.repeat(5000) },
  ]);
  const top = await tarOf([
    { name: 'app/', dir: true },
    { name: 'app/.wh.x' },
    { name: 'app/y', content: 'yy' },
  ]);
  const config = {
    rootfs: { type: 'layers', diff_ids: [] },
    history: [{ created_by: 'COPY app /app' }, { created_by: 'RUN rm /app/x' }],
  };
  const bytes = await tarOf([
    { name: 'l1/layer.tar', content: base },
    { name: 'l2/layer.tar', content: top },
    { name: 'cfg.json', content: JSON.stringify(config) },
    {
      name: 'manifest.json',
      content: JSON.stringify([
        { Config: 'cfg.json', RepoTags: ['t:1'], Layers: ['l1/layer.tar', 'l2/layer.tar'] },
      ]),
    },
  ]);
  return { bytes, diffIds: [sha(base), sha(top)] };
}

/** The archive in small chunks, so that flow control has something to do. */
const chunked = (bytes: Buffer) =>
  Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += 700) yield bytes.subarray(at, at + 700);
    })(),
  );

describe('the analysis worker', () => {
  it('streams the export to the session, hears each layer, then answers about the tree', async () => {
    const worker = new AnalysisWorker();
    const read: number[] = [];
    const stacked: LayerSummary[] = [];
    const { bytes, diffIds } = await archive();
    const image = { id: 'sha256:cfg', diffIds, instructions: ['COPY (from history)', ''] };
    const result = await worker.analyse(image, chunked(bytes), {
      signal: new AbortController().signal,
      onRead: (size) => read.push(size),
      onStacked: (layer) => stacked.push(layer),
    });
    expect(result.layers).toBe(2);
    expect(read).toHaveLength(2);
    // Each layer is stacked as soon as it is read, named from the history until the config
    // (which comes after the layers) names it exactly.
    expect(stacked.map((layer) => [layer.index, layer.instruction, layer.counts.removed])).toEqual([
      [0, 'COPY (from history)', 0],
      [1, '', 1],
      [0, 'COPY app /app', 0],
      [1, 'RUN rm /app/x', 1],
    ]);
    const top = await worker.query({ name: 'tree', layer: 1, aggregated: false });
    expect(top.entries.map((entry) => [entry.path, entry.mark, entry.childCount])).toEqual([
      ['app', 'unmodified', 2],
    ]);
    const app = await worker.query({ name: 'tree', layer: 1, aggregated: false, directory: 'app' });
    expect(app.entries.map((entry) => [entry.path, entry.mark])).toEqual([
      ['app/x', 'removed'],
      ['app/y', 'added'],
    ]);
    const page = await worker.query({ name: 'changes', layer: 1, kinds: ['removed'] });
    expect(page).toMatchObject({ total: 1, changes: [{ path: 'app/x', size: 5000 }] });
    await expect(worker.query({ name: 'tree', layer: 7, aggregated: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    worker.terminate();
    await expect(worker.query({ name: 'tree', layer: 0, aggregated: true })).rejects.toThrow(
      /dropped/,
    );
  });

  it('stops when cancelled, with CANCELLED', async () => {
    const worker = new AnalysisWorker();
    const controller = new AbortController();
    const endless = new Readable({ read() {} });
    endless.push(Buffer.alloc(512));
    const running = worker.analyse({ id: 'sha256:x', diffIds: [], instructions: [] }, endless, {
      signal: controller.signal,
      onRead: () => undefined,
      onStacked: () => undefined,
    });
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(endless.destroyed).toBe(true);
  });

  it('reports a broken archive as a failure', async () => {
    const worker = new AnalysisWorker();
    const broken = Readable.from([Buffer.from('not a tar at all')]);
    const running = worker.analyse({ id: 'sha256:x', diffIds: [], instructions: [] }, broken, {
      signal: new AbortController().signal,
      onRead: () => undefined,
      onStacked: () => undefined,
    });
    await expect(running).rejects.toThrow(/truncated or corrupt|not an image archive/);
    worker.terminate();
  });
});

describe('the analysis worker without the engine’s list of layers', () => {
  it('stacks the layers in the archive’s order once it is read', async () => {
    const worker = new AnalysisWorker();
    const stacked: LayerSummary[] = [];
    const { bytes } = await archive();
    await worker.analyse({ id: 'sha256:cfg', diffIds: [], instructions: [] }, chunked(bytes), {
      signal: new AbortController().signal,
      onRead: () => undefined,
      onStacked: (layer) => stacked.push(layer),
    });
    expect(stacked.map((layer) => layer.instruction)).toEqual(['COPY app /app', 'RUN rm /app/x']);
    worker.terminate();
  });
});
