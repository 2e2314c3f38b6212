import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import type { ImageAnalysis } from './analysis';
import { LayerTarReader } from './layer-tar';
import { layerChangeLines } from './report';
import { layerFileTree, mergedFilesystem } from './tree/file-tree';
import { shownSizes } from './tree/link-sizes';
import { LayerStack } from './tree/stack';

/** A layer tar written the way the engine writes one: the first name of an inode holds the bytes. */
async function layerTar(
  entries: { header: Partial<tar.Header> & { name: string }; content?: string }[],
): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const { header, content } of entries) pack.entry(header, content ?? '');
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function readLayer(archive: Buffer) {
  const reader = new LayerTarReader();
  reader.push(archive);
  return new LayerStack().apply(reader.end());
}

function analysisOf(changes: Awaited<ReturnType<typeof readLayer>>): ImageAnalysis {
  return {
    imageId: 'sha256:img',
    layers: [
      {
        summary: {
          index: 0,
          diffId: 'sha256:d0',
          instruction: 'RUN ln',
          tarBytes: changes.tarBytes,
          blobBytes: 0,
          deltaBytes: changes.deltaBytes,
          counts: changes.counts,
        },
        changes: changes.changes,
      },
    ],
    waste: {
      efficiency: 1,
      wastedBytes: 0,
      userWastedPercent: 0,
      reclaimableBytes: 0,
      causes: [],
      inefficiencies: [],
    },
  };
}

describe('a hardlink in a layer', () => {
  // `zz/data` comes first in the tar and holds the bytes; `aa/alias`, first by name, links to it.
  const entries = [
    { header: { name: 'zz/', type: 'directory' as const } },
    { header: { name: 'zz/data', mode: 0o644 }, content: '12345678' },
    { header: { name: 'aa/', type: 'directory' as const } },
    { header: { name: 'aa/alias', type: 'link' as const, linkname: 'zz/data' } },
  ];

  it('shows its target size in the change list and in `stowage layers --json`', async () => {
    const changes = await readLayer(await layerTar(entries));
    const lines = layerChangeLines(analysisOf(changes), 0);
    expect(lines.find((line) => line.path === 'aa/alias')).toMatchObject({
      type: 'hardlink',
      size: 8,
      linkTarget: 'zz/data',
    });
    expect(lines.find((line) => line.path === 'zz/data')).toMatchObject({ size: 8 });
    const sizeOf = shownSizes(changes.changes);
    expect(changes.changes.map((change) => [change.path, sizeOf(change.entry)])).toEqual([
      ['aa', 0],
      ['aa/alias', 8],
      ['zz', 0],
      ['zz/data', 8],
    ]);
  });

  it('shows its target size in the file tree', async () => {
    const changes = await readLayer(await layerTar(entries));
    const tree = layerFileTree(changes.changes, mergedFilesystem([changes.changes]), false);
    expect(tree.find((node) => node.path === 'aa/alias')).toMatchObject({ size: 8 });
  });

  it('counts its bytes once, at the target', async () => {
    const changes = await readLayer(await layerTar(entries));
    expect(changes.tarBytes).toBe(8);
    expect(changes.deltaBytes).toBe(8);
  });
});
