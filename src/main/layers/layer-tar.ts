import { createHash, hash, type Hash } from 'node:crypto';
import { TarParser, type TarEntrySink, type TarHeader } from './tar-parser';
import type { EntryType, LayerContents, LayerEntry } from './tree/model';
import { classifyWhiteout, cleanLayerPath } from './tree/paths';

const entryTypes: Record<string, EntryType | undefined> = {
  '0': 'file',
  '7': 'file',
  '5': 'dir',
  '2': 'symlink',
  '1': 'hardlink',
  '3': 'char',
  '4': 'block',
  '6': 'fifo',
};

const contentHashOf = (digest: string) => digest.slice(0, 16);
const emptyContentHash = contentHashOf(hash('sha1', '', 'hex'));

/** Hashes one regular file's contents as they pass, whole in one call when they can be. */
class ContentHashSink implements TarEntrySink {
  private running: Hash | undefined;

  constructor(private readonly entry: LayerEntry) {}

  data(bytes: Uint8Array, last: boolean): void {
    if (last && !this.running) {
      this.entry.contentHash = contentHashOf(hash('sha1', bytes, 'hex'));
      return;
    }
    (this.running ??= createHash('sha1')).update(bytes);
  }

  end(): void {
    if (this.running) this.entry.contentHash = contentHashOf(this.running.digest('hex'));
    else this.entry.contentHash ??= emptyContentHash;
  }
}

/**
 * Reads one layer's tar as its bytes are pushed: entry metadata and a 64-bit content hash per
 * regular file, never the contents themselves. Names that escape the root are skipped, and so
 * are PAX global headers; nothing is followed.
 */
export class LayerTarReader {
  private readonly contents: LayerContents = {
    entries: [],
    deletions: [],
    opaqueDirectories: [],
  };
  private readonly parser = new TarParser((header) => this.entry(header));

  push(bytes: Uint8Array): void {
    this.parser.push(bytes);
  }

  /** The layer, once all of its bytes have been pushed. */
  end(): LayerContents {
    this.parser.end();
    return this.contents;
  }

  private entry(header: TarHeader): TarEntrySink | undefined {
    const path = cleanLayerPath(header.name);
    const type = entryTypes[header.typeFlag];
    if (path === undefined || type === undefined) return undefined;
    const whiteout = classifyWhiteout(path);
    if (whiteout.kind !== 'none') {
      if (whiteout.kind === 'opaque') this.contents.opaqueDirectories.push(whiteout.directory);
      if (whiteout.kind === 'delete') this.contents.deletions.push(whiteout.path);
      return undefined;
    }
    const layerEntry: LayerEntry = {
      path,
      type,
      size: type === 'file' ? header.size : 0,
      mode: header.mode & 0o7777,
      uid: header.uid,
      gid: header.gid,
    };
    if (type === 'symlink') layerEntry.linkTarget = header.linkName;
    if (type === 'hardlink') layerEntry.linkTarget = cleanLayerPath(header.linkName) ?? '';
    this.contents.entries.push(layerEntry);
    return type === 'file' ? new ContentHashSink(layerEntry) : undefined;
  }
}
