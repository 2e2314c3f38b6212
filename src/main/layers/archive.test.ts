import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { readImageArchive } from './archive';

interface TarItem {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  content?: Buffer | string;
  linkname?: string;
  mode?: number;
}

async function tarOf(items: TarItem[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const item of items) {
    const content = item.content === undefined ? undefined : Buffer.from(item.content);
    pack.entry(
      {
        name: item.name,
        type: item.type ?? 'file',
        mode: item.mode ?? (item.type === 'directory' ? 0o755 : 0o644),
        ...(item.linkname ? { linkname: item.linkname } : {}),
        ...(content ? { size: content.length } : {}),
      },
      content ?? '',
    );
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

const sha = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;
const json = (value: unknown) => JSON.stringify(value);

describe('image archives', () => {
  it('reads the legacy layout, with a repeated layer written as a symlink', async () => {
    const base = await tarOf([
      { name: 'app/', type: 'directory' },
      { name: 'app/x', content: 'x' },
      { name: '../../etc/passwd', content: 'escape' },
    ]);
    const top = await tarOf([
      { name: 'app/.wh.x', content: '' },
      { name: 'app/y', content: 'yy' },
    ]);
    const archive = await tarOf([
      { name: 'l1/', type: 'directory' },
      { name: 'l1/layer.tar', content: base },
      { name: 'l2/layer.tar', content: top },
      { name: 'l3/layer.tar', type: 'symlink', linkname: '../l1/layer.tar' },
      {
        name: 'config.json',
        content: json({ rootfs: { type: 'layers', diff_ids: [sha(base), sha(top), sha(base)] } }),
      },
      {
        name: 'manifest.json',
        content: json([
          {
            Config: 'config.json',
            RepoTags: ['app:1'],
            Layers: ['l1/layer.tar', 'l2/layer.tar', 'l3/layer.tar'],
          },
        ]),
      },
    ]);
    const seen: string[] = [];
    const image = await readImageArchive(Readable.from(archive), {
      onLayer: (layer) => seen.push(layer.path),
    });
    expect(seen).toEqual(['l1/layer.tar', 'l2/layer.tar']);
    expect(image.repoTags).toEqual(['app:1']);
    expect(image.layers.map((layer) => layer.diffId)).toEqual([sha(base), sha(top), sha(base)]);
    expect(image.layers[0]?.contents.entries.map((entry) => entry.path)).toEqual(['app', 'app/x']);
    expect(image.layers[1]?.contents.deletions).toEqual(['app/x']);
    expect(image.config.rootfs?.diff_ids).toHaveLength(3);
  });

  it('reads an OCI layout with gzip blobs named by their compressed digest and no manifest.json', async () => {
    const layer = await tarOf([{ name: 'hello', content: 'world' }]);
    const gz = gzipSync(layer);
    const config = Buffer.from(json({ rootfs: { type: 'layers', diff_ids: [sha(layer)] } }));
    const manifest = Buffer.from(
      json({
        config: { digest: sha(config) },
        layers: [{ digest: sha(gz), mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' }],
      }),
    );
    const archive = await tarOf([
      { name: `blobs/sha256/${sha(gz).slice(7)}`, content: gz },
      { name: `blobs/sha256/${sha(config).slice(7)}`, content: config },
      { name: `blobs/sha256/${sha(manifest).slice(7)}`, content: manifest },
      {
        name: 'index.json',
        content: json({
          manifests: [
            {
              digest: sha(manifest),
              annotations: { 'org.opencontainers.image.ref.name': 'app:2' },
            },
          ],
        }),
      },
    ]);
    const image = await readImageArchive(Readable.from(archive));
    expect(image.repoTags).toEqual(['app:2']);
    expect(image.layers).toHaveLength(1);
    expect(image.layers[0]).toMatchObject({
      diffId: sha(layer),
      compression: 'gzip',
      blobBytes: gz.length,
    });
    expect(image.layers[0]?.contents.entries[0]).toMatchObject({
      path: 'hello',
      type: 'file',
      size: 5,
    });
  });

  it('reads a containerd export: zstd blobs under a nested index, one platform chosen', async () => {
    // Made with the zstd CLI from a tar of etc/, etc/motd ("zstd layer\n") and hello ("world").
    const zst = readFileSync(new URL('./fixtures/layer.tar.zst', import.meta.url));
    const diffId = 'sha256:7f8f69ed8061baffeb1014a174a9a5b0177694f05159c39961fb260b3c8657b9';
    const config = Buffer.from(json({ rootfs: { type: 'layers', diff_ids: [diffId] } }));
    const manifest = Buffer.from(
      json({ config: { digest: sha(config) }, layers: [{ digest: sha(zst) }] }),
    );
    const platforms = Buffer.from(
      json({
        manifests: [
          { digest: sha(manifest), platform: { os: 'linux', architecture: 'amd64' } },
          { digest: sha(config), platform: { os: 'linux', architecture: 'arm64' } },
        ],
      }),
    );
    const blobs = [zst, config, manifest, platforms].map((content) => ({
      name: `blobs/sha256/${sha(content).slice(7)}`,
      content,
    }));
    const archive = await tarOf([
      ...blobs,
      { name: 'index.json', content: json({ manifests: [{ digest: sha(platforms) }] }) },
    ]);
    await expect(readImageArchive(Readable.from(archive))).rejects.toThrow(
      /several platforms; choose one of: linux\/amd64, linux\/arm64/,
    );
    const image = await readImageArchive(Readable.from(archive), { platform: 'linux/amd64' });
    expect(image.layers[0]).toMatchObject({ diffId, compression: 'zstd', blobBytes: zst.length });
    expect(image.layers[0]?.contents.entries.map(({ path, size }) => [path, size])).toEqual([
      ['etc', 0],
      ['etc/motd', 11],
      ['hello', 5],
    ]);
  });

  it('tells layers from metadata however finely the archive is chunked, empty layers too', async () => {
    const layer = await tarOf([{ name: 'hello', content: 'world' }]);
    const empty = Buffer.alloc(1024);
    const archive = await tarOf([
      { name: 'a/layer.tar', content: layer },
      { name: 'b/layer.tar', content: empty },
      { name: 'c.json', content: json({ rootfs: { type: 'layers' } }) },
      {
        name: 'manifest.json',
        content: json([{ Config: 'c.json', Layers: ['a/layer.tar', 'b/layer.tar'] }]),
      },
    ]);
    const inSmallChunks = Array.from({ length: Math.ceil(archive.length / 100) }, (_, index) =>
      archive.subarray(index * 100, index * 100 + 100),
    );
    const image = await readImageArchive(Readable.from(inSmallChunks));
    expect(image.layers.map((l) => [l.diffId, l.contents.entries.length])).toEqual([
      [sha(layer), 1],
      [sha(empty), 0],
    ]);
  });

  it('gives the same diff ids and contents when every layer is hashed on the hashing thread', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 'q');
    const layer = await tarOf([
      { name: 'big', content: big },
      { name: 'small', content: 's' },
    ]);
    const archive = await tarOf([
      { name: 'a/layer.tar', content: layer },
      { name: 'c.json', content: json({ rootfs: { type: 'layers' } }) },
      { name: 'manifest.json', content: json([{ Config: 'c.json', Layers: ['a/layer.tar'] }]) },
    ]);
    const inChunks = (size: number) =>
      Array.from({ length: Math.ceil(archive.length / size) }, (_, index) =>
        archive.subarray(index * size, index * size + size),
      );
    const inline = await readImageArchive(Readable.from(inChunks(65_536)));
    const threaded = await readImageArchive(Readable.from(inChunks(65_536)), {
      offThreadHashBytes: 0,
    });
    expect(threaded.layers[0]?.diffId).toBe(sha(layer));
    expect(threaded).toEqual(inline);
  });

  it('names uncompressed layers from the archive without hashing them, as the hash would', async () => {
    const base = await tarOf([{ name: 'app/x', content: 'x' }]);
    const top = await tarOf([{ name: 'app/y', content: 'yy' }]);
    const config = json({ rootfs: { type: 'layers', diff_ids: [sha(base), sha(top), sha(base)] } });
    const legacy = await tarOf([
      { name: 'b/layer.tar', content: top },
      { name: 'c/layer.tar', content: base },
      { name: 'd/layer.tar', type: 'symlink', linkname: '../c/layer.tar' },
      { name: 'config.json', content: config },
      {
        name: 'manifest.json',
        content: json([
          { Config: 'config.json', Layers: ['c/layer.tar', 'b/layer.tar', 'd/layer.tar'] },
        ]),
      },
    ]);
    const heard: string[] = [];
    const trusted = await readImageArchive(Readable.from(legacy), {
      trustLayerNames: true,
      onLayer: (layer) => heard.push(layer.diffId),
    });
    const hashed = await readImageArchive(Readable.from(legacy));
    // Read before the manifest, a legacy layer has no name yet.
    expect(heard).toEqual(['', '']);
    expect(trusted.layers.map((layer) => layer.diffId)).toEqual([sha(base), sha(top), sha(base)]);
    expect(trusted.layers).toEqual(hashed.layers);

    // Docker 25's layout names each uncompressed blob by its diff id: heard at once.
    const oci = await tarOf([
      { name: `blobs/sha256/${sha(base).slice(7)}`, content: base },
      { name: `blobs/sha256/${sha(top).slice(7)}`, content: top },
      { name: 'config.json', content: config },
      {
        name: 'manifest.json',
        content: json([
          {
            Config: 'config.json',
            Layers: [sha(base), sha(top), sha(base)].map((id) => `blobs/sha256/${id.slice(7)}`),
          },
        ]),
      },
    ]);
    heard.length = 0;
    const fromOci = await readImageArchive(Readable.from(oci), {
      trustLayerNames: true,
      onLayer: (layer) => heard.push(layer.diffId),
    });
    expect(heard.sort()).toEqual([sha(base), sha(top)].sort());
    expect(fromOci.layers.map((layer) => layer.diffId)).toEqual([sha(base), sha(top), sha(base)]);
  });

  it('says so when a layer read without hashing has no diff id in the config', async () => {
    const layer = await tarOf([{ name: 'a', content: 'a' }]);
    const archive = await tarOf([
      { name: 'l/layer.tar', content: layer },
      { name: 'config.json', content: json({ rootfs: { type: 'layers', diff_ids: [] } }) },
      {
        name: 'manifest.json',
        content: json([{ Config: 'config.json', Layers: ['l/layer.tar'] }]),
      },
    ]);
    await expect(
      readImageArchive(Readable.from(archive), { trustLayerNames: true }),
    ).rejects.toThrow("The archive's image config does not name the diff id of l/layer.tar.");
  });

  it('asks which image when there are several, and names them', async () => {
    const layer = await tarOf([{ name: 'f', content: 'f' }]);
    const archive = await tarOf([
      { name: 'l/layer.tar', content: layer },
      { name: 'c.json', content: json({}) },
      {
        name: 'manifest.json',
        content: json([
          { Config: 'c.json', RepoTags: ['a:1'], Layers: ['l/layer.tar'] },
          { Config: 'c.json', RepoTags: ['b:1'], Layers: ['l/layer.tar'] },
        ]),
      },
    ]);
    await expect(readImageArchive(Readable.from(archive))).rejects.toThrow(
      /choose one of: a:1, b:1/,
    );
    expect((await readImageArchive(Readable.from(archive), { image: 'b:1' })).repoTags).toEqual([
      'b:1',
    ]);
  });

  it('says what is wrong with an archive it cannot read', async () => {
    const zstd = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(600)]);
    await expect(
      readImageArchive(Readable.from(await tarOf([{ name: 'blobs/sha256/ab', content: zstd }]))),
    ).rejects.toThrow(/zstd layer is corrupt/);
    await expect(
      readImageArchive(Readable.from(await tarOf([{ name: 'readme', content: 'hi' }]))),
    ).rejects.toThrow(/not an image archive/);
    const missing = await tarOf([
      { name: 'manifest.json', content: json([{ Config: 'c', Layers: ['gone/layer.tar'] }]) },
    ]);
    await expect(readImageArchive(Readable.from(missing))).rejects.toThrow(/does not hold it/);
    const layer = await tarOf([{ name: 'f', content: 'x'.repeat(5000) }]);
    const truncated = (await tarOf([{ name: 'l/layer.tar', content: layer }])).subarray(0, 3000);
    await expect(readImageArchive(Readable.from(truncated))).rejects.toThrow(
      /truncated or corrupt, or is not a tar file/,
    );
  });
});
