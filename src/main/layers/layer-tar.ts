import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import type { EntryType, LayerContents, LayerEntry } from './tree/model';
import { classifyWhiteout, cleanLayerPath } from './tree/paths';

const entryTypes: Record<string, EntryType | undefined> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'dir',
  symlink: 'symlink',
  link: 'hardlink',
  'character-device': 'char',
  'block-device': 'block',
  fifo: 'fifo',
};

/**
 * Reads one layer's tar: entry metadata and a 64-bit content hash per regular file, never
 * the contents themselves. Names that escape the root are skipped, and so are PAX global
 * headers; nothing is followed.
 */
export async function readLayerTar(source: Readable): Promise<LayerContents> {
  const contents: LayerContents = { entries: [], deletions: [], opaqueDirectories: [] };
  const extract = tar.extract();
  source.on('error', (error) => extract.destroy(error));
  source.pipe(extract);
  for await (const entry of extract) {
    const { header } = entry;
    const path = cleanLayerPath(header.name);
    const type = entryTypes[header.type ?? ''];
    if (path === undefined || type === undefined) {
      entry.resume();
      continue;
    }
    const whiteout = classifyWhiteout(path);
    if (whiteout.kind !== 'none') {
      if (whiteout.kind === 'opaque') contents.opaqueDirectories.push(whiteout.directory);
      if (whiteout.kind === 'delete') contents.deletions.push(whiteout.path);
      entry.resume();
      continue;
    }
    const layerEntry: LayerEntry = {
      path,
      type,
      size: type === 'file' ? (header.size ?? 0) : 0,
      mode: (header.mode ?? 0) & 0o7777,
      uid: header.uid ?? 0,
      gid: header.gid ?? 0,
    };
    if (type === 'symlink' || type === 'hardlink') {
      layerEntry.linkTarget =
        type === 'hardlink'
          ? (cleanLayerPath(header.linkname ?? '') ?? '')
          : (header.linkname ?? '');
    }
    if (type === 'file') {
      const hash = createHash('sha1');
      for await (const chunk of entry) hash.update(chunk as Buffer);
      layerEntry.contentHash = hash.digest('hex').slice(0, 16);
    } else {
      entry.resume();
    }
    contents.entries.push(layerEntry);
  }
  return contents;
}
