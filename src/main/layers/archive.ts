import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import { HashingThread, inlineDiffHasher, namedDiffId, type DiffHasher } from './diff-hasher';
import { LayerTarReader } from './layer-tar';
import { TarParser, type TarEntrySink } from './tar-parser';
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
  /** Layers of at least this many bytes are hashed on a thread of their own. */
  offThreadHashBytes?: number;
  /**
   * Takes an uncompressed layer's diff id from the archive rather than hashing its bytes: a
   * blob's name, or the config's `rootfs.diff_ids` in the manifest's order (known only once
   * the manifest, last in the archive, is read: `onLayer` hears such a layer with an empty
   * diff id). For an export the engine has just written, whose names can be trusted.
   */
  trustLayerNames?: boolean;
}

const defaultOffThreadHashBytes = 8 * 1024 * 1024;

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
 * contents in memory; layers are reported to `onLayer` as soon as they are read. The bytes
 * of an uncompressed or zstd layer go through the outer and inner tar parsers as views of
 * the chunk they came in, without copies; gzip layers go through zlib off the main thread,
 * and big layers are hashed into their diff ids on a second thread while this one parses.
 */
export async function readImageArchive(
  source: Readable,
  options: ReadArchiveOptions = {},
): Promise<ImageArchive> {
  const layers = new Map<string, ArchiveLayer>();
  const json = new Map<string, unknown>();
  const aliases = new Map<string, string>();
  const pending = new Set<Promise<void>>();
  let waitFor: Promise<void> | undefined;
  let hashing: HashingThread | undefined;
  let failure: unknown;
  const fail = (error: unknown) => {
    failure ??= error;
    source.destroy();
  };
  const done = (layer: ArchiveLayer) => {
    layers.set(layer.path, layer);
    options.onLayer?.(layer);
  };
  const outer = new TarParser((header) => {
    const name = posix.normalize(header.name).replace(/^\.?\//, '');
    if (header.typeFlag === '2' && header.linkName) {
      aliases.set(name, posix.normalize(posix.join(posix.dirname(name), header.linkName)));
    }
    if (header.typeFlag !== '0' && header.typeFlag !== '7') return undefined;
    return new BlobSink(name, header.size, {
      json: (value) => {
        json.set(name, value);
        options.onJson?.(name, value);
      },
      layer: done,
      pending: (finished) => {
        const tracked: Promise<void> = finished.catch(fail).finally(() => pending.delete(tracked));
        pending.add(tracked);
      },
      backpressure: (ready) => (waitFor = ready),
      diffHasher: (size, compressed) => {
        if (options.trustLayerNames && !compressed) return namedDiffId(blobDigest(name) ?? '');
        return size >= (options.offThreadHashBytes ?? defaultOffThreadHashBytes)
          ? (hashing ??= new HashingThread(fail)).hasher()
          : inlineDiffHasher();
      },
    });
  });
  const abort = () => fail(new Error('The archive read was cancelled.'));
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    // 'data' events hand over each chunk as it came; async iteration would concatenate
    // whatever had piled up into a new buffer.
    await new Promise<void>((resolve) => {
      source.on('data', (chunk: Buffer) => {
        if (failure !== undefined) return;
        try {
          outer.push(chunk);
        } catch (error) {
          return fail(error);
        }
        const wait = waitFor ?? hashing?.ready();
        waitFor = undefined;
        if (!wait) return;
        source.pause();
        void wait.then(() => failure === undefined && source.resume());
      });
      source.once('error', (error) => fail(error));
      source.once('end', () => resolve());
      source.once('close', () => resolve());
    });
    if (failure === undefined) {
      try {
        outer.end();
      } catch (error) {
        fail(error);
      }
    }
    await Promise.all(pending);
    if (failure !== undefined) throw failure;
  } finally {
    options.signal?.removeEventListener('abort', abort);
    hashing?.close();
  }
  return assemble(layers, json, aliases, options);
}

interface BlobSinkEvents {
  json(value: unknown): void;
  layer(layer: ArchiveLayer): void;
  /** Work that reports a layer later (inflating, hashing); its failure fails the read. */
  pending(finished: Promise<void>): void;
  /** zlib has taken enough: read no more of the archive until this settles. */
  backpressure(ready: Promise<void>): void;
  /** Where a layer of `size` bytes (as stored) is hashed into its diff id. */
  diffHasher(size: number, compressed: boolean): DiffHasher;
}

interface LayerDecoder {
  compression: ArchiveLayer['compression'];
  write(bytes: Uint8Array): void;
  /** After the last bytes: settles once every decoded byte has been passed on. */
  finish(): Promise<void> | undefined;
}

/**
 * One file of the archive: its first bytes tell a layer (tar, gzip or zstd) from metadata
 * (JSON), then a layer is hashed into its diff id and parsed as it passes.
 */
class BlobSink implements TarEntrySink {
  private head: Uint8Array[] | undefined = [];
  private headBytes = 0;
  private blobBytes = 0;
  private json: Uint8Array[] | undefined;
  private layer: LayerDecoder | undefined;
  private diff: DiffHasher | undefined;
  private readonly reader = new LayerTarReader();

  constructor(
    private readonly name: string,
    private readonly size: number,
    private readonly events: BlobSinkEvents,
  ) {}

  data(bytes: Uint8Array, last: boolean): void {
    this.blobBytes += bytes.length;
    if (!this.head) return this.take(bytes);
    this.head.push(bytes);
    this.headBytes += bytes.length;
    if (this.headBytes < sniffBytes && !last) return;
    const head = Buffer.concat(this.head);
    this.head = undefined;
    const kind = head.length >= 4 ? sniff(head) : 'json';
    if (kind === 'json') this.json = [];
    else {
      this.diff = this.events.diffHasher(this.size, kind !== 'tar');
      this.layer = this.decoder(kind);
    }
    this.take(head);
  }

  end(): void {
    if (this.json) {
      let value: unknown;
      try {
        value = JSON.parse(Buffer.concat(this.json).toString('utf8'));
      } catch {
        value = undefined;
      }
      this.events.json(value);
      return;
    }
    const { layer, diff } = this;
    if (!layer || !diff) return;
    const decoded = layer.finish();
    const report = (digest: string) =>
      this.events.layer({
        path: this.name,
        diffId: digest === '' ? '' : `sha256:${digest}`,
        blobBytes: this.blobBytes,
        compression: layer.compression,
        contents: this.reader.end(),
      });
    const digest = decoded ? undefined : diff.digest();
    if (typeof digest === 'string') return report(digest);
    this.events.pending(
      (async () => {
        await decoded;
        report(await (digest ?? diff.digest()));
      })(),
    );
  }

  private take(bytes: Uint8Array): void {
    if (this.json) {
      if (this.blobBytes > maxJsonBytes) {
        throw new Error(`${this.name} is too large for a metadata file.`);
      }
      this.json.push(bytes);
      return;
    }
    this.layer?.write(bytes);
  }

  private decoded(bytes: Uint8Array): void {
    this.diff?.update(bytes);
    this.reader.push(bytes);
  }

  private decoder(kind: Exclude<Kind, 'json'>): LayerDecoder {
    if (kind === 'tar') {
      return {
        compression: 'none',
        write: (bytes) => this.decoded(bytes),
        finish: () => undefined,
      };
    }
    if (kind === 'zstd') {
      const decompress = new Decompress((bytes) => this.decoded(bytes));
      const push = (bytes: Uint8Array, last: boolean) => {
        try {
          decompress.push(bytes, last);
        } catch (error) {
          throw corruptBlob(error);
        }
      };
      return {
        compression: 'zstd',
        write: (bytes) => push(bytes, false),
        finish: () => void push(new Uint8Array(0), true),
      };
    }
    const gunzip = createGunzip({ chunkSize: 256 * 1024 });
    const inflated = new Promise<void>((resolve, reject) => {
      gunzip.once('error', reject);
      gunzip.once('end', resolve);
    });
    // Tracked from the start: a corrupt blob fails the read before its end is reached.
    this.events.pending(inflated);
    gunzip.on('data', (bytes: Buffer) => {
      try {
        this.decoded(bytes);
      } catch (error) {
        gunzip.destroy(error as Error);
      }
    });
    return {
      compression: 'gzip',
      write: (bytes) => {
        if (gunzip.write(bytes)) return;
        this.events.backpressure(
          new Promise<void>((resolve) => {
            gunzip.once('drain', resolve);
            gunzip.once('close', resolve);
          }),
        );
      },
      finish: () => {
        gunzip.end();
        return inflated;
      },
    };
  }
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
    const config = (json.get(chosen.Config) ?? {}) as ImageConfig;
    return {
      id: `sha256:${posix.basename(chosen.Config).replace(/\.json$/, '')}`,
      repoTags: chosen.RepoTags ?? [],
      config,
      layers: chosen.Layers.map((path, index) => named(layerAt(path), config, index)),
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
  const config = (json.get(blob(document.config.digest)) ?? {}) as ImageConfig;
  return {
    id: document.config.digest,
    repoTags: refName ? [refName] : [],
    config,
    layers: document.layers.map((layer, index) =>
      named(layerAt(blob(layer.digest)), config, index),
    ),
  };
}

/** The digest a blob's name gives (`blobs/sha256/<hex>`), if it is named so. */
function blobDigest(name: string): string | undefined {
  return /^blobs\/sha256\/([0-9a-f]{64})$/.exec(name)?.[1];
}

/** A layer read without its diff id, named by the config's `rootfs.diff_ids`. */
function named(layer: ArchiveLayer, config: ImageConfig, index: number): ArchiveLayer {
  if (layer.diffId !== '') return layer;
  const diffId = config.rootfs?.diff_ids?.[index];
  if (diffId === undefined) {
    throw new Error(`The archive's image config does not name the diff id of ${layer.path}.`);
  }
  return { ...layer, diffId };
}

/** The archive holds several images or platforms and the reader was not told which one. */
export class ArchiveChoiceError extends Error {
  override readonly name = 'ArchiveChoiceError';
  constructor(
    readonly what: 'image' | 'platform',
    readonly choices: string[],
  ) {
    super(`The archive holds several ${what}s; choose one of: ${choices.join(', ')}.`);
  }
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
  if (candidates.length > 1) throw new ArchiveChoiceError(what, candidates.flatMap(names));
  return candidates[0] as T;
}
