import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { PassThrough, type Readable, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import tar from 'tar-stream';
import { readLayerTar } from './layer-tar';
import type { LayerContents } from './tree/model';

/** A layer as read from an image archive. */
export interface ArchiveLayer {
  /** Where it sits in the archive: `<id>/layer.tar` or `blobs/sha256/<hex>`. */
  path: string;
  /** sha256 of the uncompressed tar: the layer's diff id. */
  diffId: string;
  /** Bytes as stored in the archive (compressed, when it is). */
  blobBytes: number;
  compression: 'none' | 'gzip' | 'zstd';
  contents: LayerContents;
}

export interface ImageConfig {
  history?: { created_by?: string; empty_layer?: boolean; comment?: string; created?: string }[];
  rootfs?: { type?: string; diff_ids?: string[] };
  [key: string]: unknown;
}

export interface ImageArchive {
  /** The image id: the digest of its config. */
  id: string;
  /** The image's tags, as the archive names them. */
  repoTags: string[];
  config: ImageConfig;
  /** In build order. */
  layers: ArchiveLayer[];
}

export interface ReadArchiveOptions {
  /** Which image, when the archive holds several (a tag, or an OCI `ref.name`). */
  image?: string;
  /** Which platform (`os/arch`), when the image is an index of several. */
  platform?: string;
  onLayer?: (layer: ArchiveLayer) => void;
  /** Each metadata file as it is read (the image config among them). */
  onJson?: (name: string, value: unknown) => void;
  signal?: AbortSignal;
}

const sniffBytes = 512;
const maxJsonBytes = 16 * 1024 * 1024;

type Kind = 'gzip' | 'zstd' | 'tar' | 'json';

function sniff(head: Buffer): Kind {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  if (head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  // An empty layer: nothing but the end-of-archive blocks.
  if (head.length >= sniffBytes && head.subarray(0, sniffBytes).every((byte) => byte === 0))
    return 'tar';
  return 'json';
}

/**
 * Reads an image archive as the engine's `GET /images/{name}/get` streams it, or as
 * `docker save`, skopeo or buildah write it: the legacy layout (`<id>/layer.tar`, repeated
 * layers as symlinks), Docker 25's OCI layout with uncompressed blobs and a `manifest.json`,
 * and OCI layouts with gzip blobs and only `index.json`. One pass, nothing on disk, no file
 * contents in memory; layers are reported to `onLayer` as soon as they are read.
 */
export async function readImageArchive(
  source: Readable,
  options: ReadArchiveOptions = {},
): Promise<ImageArchive> {
  const layers = new Map<string, ArchiveLayer>();
  const json = new Map<string, unknown>();
  const aliases = new Map<string, string>();
  const extract = tar.extract();
  const abort = () => extract.destroy(new Error('The archive read was cancelled.'));
  options.signal?.addEventListener('abort', abort, { once: true });
  source.on('error', (error) => extract.destroy(error));
  source.pipe(extract);
  try {
    for await (const entry of extract) {
      const name = posix.normalize(entry.header.name).replace(/^\.?\//, '');
      if (entry.header.type === 'symlink' && entry.header.linkname) {
        aliases.set(name, posix.normalize(posix.join(posix.dirname(name), entry.header.linkname)));
      }
      if (entry.header.type !== 'file') {
        entry.resume();
        continue;
      }
      const chunks = entry[Symbol.asyncIterator]();
      // Enough bytes to tell a tar (its magic is at offset 257), however the data is chunked.
      const firstChunks: Buffer[] = [];
      let headBytes = 0;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
        firstChunks.push(next.value as Buffer);
        headBytes += (next.value as Buffer).length;
        if (headBytes >= sniffBytes) break;
      }
      if (headBytes === 0) continue;
      const head = Buffer.concat(firstChunks);
      const kind = head.length >= 4 ? sniff(head) : 'json';
      const rest = (async function* () {
        yield head;
        for (let next = await chunks.next(); !next.done; next = await chunks.next())
          yield next.value as Buffer;
      })();
      if (kind === 'json') {
        const value = await readJson(rest, name);
        json.set(name, value);
        options.onJson?.(name, value);
      } else {
        const layer = await readLayerBlob(name, rest, kind);
        layers.set(name, layer);
        options.onLayer?.(layer);
      }
    }
  } catch (error) {
    throw readable(error);
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
  return assemble(layers, json, aliases, options);
}

/** tar-stream's words for a broken tar, said so that a user knows what is wrong. */
function readable(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  if (!/Unexpected end of data|Invalid tar header|unexpected end of file/i.test(message))
    return error;
  return new Error(`The archive is truncated or corrupt, or is not a tar file (${message}).`, {
    cause: error,
  });
}

async function readJson(chunks: AsyncIterable<Buffer>, name: string): Promise<unknown> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > maxJsonBytes) throw new Error(`${name} is too large for a metadata file.`);
    parts.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch {
    return undefined;
  }
}

async function readLayerBlob(
  path: string,
  chunks: AsyncIterable<Buffer>,
  kind: Exclude<Kind, 'json'>,
): Promise<ArchiveLayer> {
  let blobBytes = 0;
  const diff = createHash('sha256');
  const raw = new PassThrough();
  const decoded =
    kind === 'gzip' ? raw.pipe(createGunzip()) : kind === 'zstd' ? raw.pipe(zstdDecoder()) : raw;
  // A second 'data' listener beside the tar parser's pipe: same chunks, same flow control.
  decoded.on('data', (chunk: Buffer) => diff.update(chunk));
  const reading = readLayerTar(decoded);
  for await (const chunk of chunks) {
    blobBytes += chunk.length;
    if (!raw.write(chunk)) await new Promise((resolve) => raw.once('drain', resolve));
  }
  raw.end();
  const contents = await reading;
  return {
    path,
    diffId: `sha256:${diff.digest('hex')}`,
    blobBytes,
    compression: kind === 'tar' ? 'none' : kind,
    contents,
  };
}

/** A stream that decompresses zstd, as containerd exports may store layers. */
function zstdDecoder(): Transform {
  const decoder = new Decompress();
  const output = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        decoder.push(chunk);
        done();
      } catch (error) {
        done(corruptBlob(error));
      }
    },
    flush(done) {
      try {
        decoder.push(new Uint8Array(0), true);
        done();
      } catch (error) {
        done(corruptBlob(error));
      }
    },
  });
  decoder.ondata = (data) => output.push(Buffer.from(data));
  return output;
}

const corruptBlob = (error: unknown) =>
  new Error(`A zstd layer is corrupt: ${error instanceof Error ? error.message : String(error)}`);

interface DockerManifestEntry {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

interface OciDescriptor {
  mediaType?: string;
  digest: string;
  annotations?: Record<string, string>;
  platform?: { os?: string; architecture?: string };
}

function assemble(
  layers: Map<string, ArchiveLayer>,
  json: Map<string, unknown>,
  aliases: Map<string, string>,
  options: ReadArchiveOptions,
): ImageArchive {
  const image = options.image;
  const blob = (digest: string) => `blobs/${digest.replace(':', '/')}`;
  const layerAt = (path: string) => {
    const layer = layers.get(aliases.get(path) ?? path);
    if (!layer) throw new Error(`The archive names ${path} as a layer but does not hold it.`);
    return layer;
  };
  const manifest = json.get('manifest.json') as DockerManifestEntry[] | undefined;
  if (Array.isArray(manifest) && manifest.length > 0) {
    const chosen = choose(manifest, (entry) => entry.RepoTags ?? [], image);
    return {
      id: `sha256:${posix.basename(chosen.Config).replace(/\.json$/, '')}`,
      repoTags: chosen.RepoTags ?? [],
      config: (json.get(chosen.Config) ?? {}) as ImageConfig,
      layers: chosen.Layers.map(layerAt),
    };
  }
  const index = json.get('index.json') as { manifests?: OciDescriptor[] } | undefined;
  if (!index?.manifests?.length)
    throw new Error('This is not an image archive: no manifest.json or index.json.');
  let descriptor = choose(
    index.manifests,
    (d) => [d.annotations?.['org.opencontainers.image.ref.name'] ?? d.digest],
    image,
  );
  let document = json.get(blob(descriptor.digest)) as
    { manifests?: OciDescriptor[]; config?: OciDescriptor; layers?: OciDescriptor[] } | undefined;
  const refName = descriptor.annotations?.['org.opencontainers.image.ref.name'];
  // A nested index: one manifest per platform, of which the archive may hold only some.
  while (document?.manifests) {
    const held = document.manifests.filter((d) => json.has(blob(d.digest)));
    descriptor = choose(
      held.length > 0 ? held : document.manifests,
      (d) => [`${d.platform?.os ?? '?'}/${d.platform?.architecture ?? '?'}`],
      options.platform,
      'platform',
    );
    document = json.get(blob(descriptor.digest)) as typeof document;
  }
  if (!document?.config || !document.layers)
    throw new Error(`The archive does not hold the manifest ${descriptor.digest}.`);
  return {
    id: document.config.digest,
    repoTags: refName ? [refName] : [],
    config: (json.get(blob(document.config.digest)) ?? {}) as ImageConfig,
    layers: document.layers.map((layer) => layerAt(blob(layer.digest))),
  };
}

function choose<T>(
  candidates: readonly T[],
  names: (candidate: T) => string[],
  wanted: string | undefined,
  what: 'image' | 'platform' = 'image',
): T {
  const choices = () => candidates.flatMap(names).join(', ');
  if (wanted !== undefined) {
    const match = candidates.find((candidate) => names(candidate).includes(wanted));
    if (!match) throw new Error(`The archive has no ${what} ${wanted}; it has ${choices()}.`);
    return match;
  }
  if (candidates.length > 1) {
    throw new Error(`The archive holds several ${what}s; choose one of: ${choices()}.`);
  }
  return candidates[0] as T;
}
