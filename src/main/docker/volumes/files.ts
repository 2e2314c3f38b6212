import { constants } from 'node:fs';
import { lstat, open, readdir, readlink, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { StowageError, type VolumeFile, type VolumeFiles } from '../../../shared';
import { toFileEntries, type RawFileStat } from './map';

/** At most this many entries of one directory are listed; `total` says how many there are. */
export const maxListedEntries = 5000;

const errno = (error: unknown) => (error as { code?: string }).code;

/**
 * Lists one directory of a volume from its mountpoint, read-only. Nothing is written and no
 * symbolic link is followed: the directory is opened with O_NOFOLLOW, and the path the kernel
 * says it opened must be the one asked for below the volume's root, so a link anywhere on
 * the way (to a place inside the volume or outside it) is refused rather than taken. Entries
 * are read through the opened descriptor (`/proc/self/fd`) where there is one, so a link
 * swapped in after the check is not followed either.
 */
export async function readVolumeDirectory(
  mountpoint: string,
  parts: readonly string[],
): Promise<VolumeFiles> {
  let root: string;
  try {
    root = await realpath(mountpoint);
  } catch (error) {
    return {
      readable: false,
      reason:
        errno(error) === 'EACCES'
          ? `Stowage may not read ${mountpoint} on this machine (permission denied): run it as a user that can, or look inside with a container.`
          : `The volume's mountpoint ${mountpoint} is not on this machine: the engine keeps its files where Stowage cannot see them (in a virtual machine, say).`,
    };
  }
  const wanted = join(root, ...parts);
  const shown = `/${parts.join('/')}`;
  let handle;
  try {
    handle = await open(
      wanted,
      constants.O_RDONLY | (constants.O_DIRECTORY ?? 0) | (constants.O_NOFOLLOW ?? 0),
    );
  } catch (error) {
    // Linux answers ENOTDIR rather than ELOOP for a link opened with O_DIRECTORY.
    const link = await lstat(wanted).then(
      (stat) => stat.isSymbolicLink(),
      () => false,
    );
    throw openFailure(link ? 'ELOOP' : errno(error), shown, mountpoint);
  }
  try {
    const throughDescriptor = process.platform === 'linux' ? `/proc/self/fd/${handle.fd}` : '';
    const opened = throughDescriptor ? await readlink(throughDescriptor) : await realpath(wanted);
    if (opened !== wanted) {
      throw new StowageError(
        'INVALID_INPUT',
        `${shown} goes through a symbolic link; links in a volume are listed, never followed.`,
      );
    }
    const base = throughDescriptor || wanted;
    const dirents = await readdir(base, { withFileTypes: true });
    const chosen = dirents
      .sort(
        (a, b) =>
          Number(b.isDirectory()) - Number(a.isDirectory()) ||
          (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
      )
      .slice(0, maxListedEntries);
    const stats: RawFileStat[] = [];
    for (let start = 0; start < chosen.length; start += 64) {
      const batch = chosen.slice(start, start + 64);
      stats.push(
        ...(await Promise.all(batch.map((dirent) => statEntry(base, dirent.name)))).filter(
          (stat): stat is RawFileStat => stat !== undefined,
        ),
      );
    }
    return { readable: true, path: shown, entries: toFileEntries(stats), total: dirents.length };
  } finally {
    await handle.close();
  }
}

/**
 * The first `limit` bytes of one regular file of a volume, on the terms of
 * `readVolumeDirectory`: opened with O_NOFOLLOW, the path the kernel opened must be the one
 * asked for, so no symbolic link on the way is taken, and only a regular file is read.
 */
export async function readVolumeFile(
  mountpoint: string,
  parts: readonly string[],
  limit: number,
): Promise<VolumeFile> {
  let root: string;
  try {
    root = await realpath(mountpoint);
  } catch {
    return {
      readable: false,
      reason: `The volume's mountpoint ${mountpoint} is not on this machine, or Stowage may not read it.`,
    };
  }
  const wanted = join(root, ...parts);
  const shown = `/${parts.join('/')}`;
  let handle;
  try {
    handle = await open(wanted, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    throw openFailure(errno(error), shown, mountpoint);
  }
  try {
    const throughDescriptor = process.platform === 'linux' ? `/proc/self/fd/${handle.fd}` : '';
    const opened = throughDescriptor ? await readlink(throughDescriptor) : await realpath(wanted);
    if (opened !== wanted) {
      throw new StowageError(
        'INVALID_INPUT',
        `${shown} goes through a symbolic link; links in a volume are listed, never followed.`,
      );
    }
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new StowageError('INVALID_INPUT', `${shown} is not a regular file.`);
    }
    const wantedBytes = Math.min(limit, stat.size);
    const buffer = Buffer.alloc(wantedBytes);
    let read = 0;
    while (read < wantedBytes) {
      const { bytesRead } = await handle.read(buffer, read, wantedBytes - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return {
      readable: true,
      path: shown,
      size: stat.size,
      base64: buffer.subarray(0, read).toString('base64'),
      truncated: stat.size > read,
    };
  } finally {
    await handle.close();
  }
}

/** `lstat` of one entry (never its target), and the text of a link; undefined if it went. */
async function statEntry(directory: string, name: string): Promise<RawFileStat | undefined> {
  const path = join(directory, name);
  try {
    const stat = await lstat(path);
    const linkTarget = stat.isSymbolicLink() ? await readlink(path) : undefined;
    return {
      name,
      mode: stat.mode,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      ...(linkTarget !== undefined ? { linkTarget } : {}),
    };
  } catch {
    return undefined;
  }
}

function openFailure(code: string | undefined, shown: string, mountpoint: string): StowageError {
  switch (code) {
    case 'ENOENT':
      return new StowageError('NOT_FOUND', `There is no ${shown} in this volume.`);
    case 'ELOOP':
      return new StowageError(
        'INVALID_INPUT',
        `${shown} is a symbolic link; links in a volume are listed, never followed.`,
      );
    case 'ENOTDIR':
      return new StowageError('INVALID_INPUT', `${shown} is not a directory.`);
    case 'EISDIR':
      return new StowageError('INVALID_INPUT', `${shown} is a directory, not a file.`);
    case 'EACCES':
    case 'EPERM':
      return new StowageError(
        'CONFLICT',
        `Stowage may not read ${shown} of this volume (permission denied under ${mountpoint}).`,
      );
    default:
      return new StowageError('INTERNAL', `Could not open ${shown} of this volume (${code}).`);
  }
}
