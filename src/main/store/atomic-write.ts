import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Makes the directory's entries (a created, renamed or removed file) durable. Not every
 * platform can open a directory for fsync (Windows cannot): there the rename is as durable as
 * the file system makes it.
 */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch (error) {
    if (process.platform === 'win32') return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM') throw error;
  } finally {
    await handle.close();
  }
}

/** The temporary files atomicWriteFile leaves behind only when killed mid-write. */
export const isAtomicTempFile = (name: string) => /\.tmp-[0-9a-f]{12}$/.test(name);

export interface AtomicWriteOptions {
  /**
   * Flush what was written to disk every this many bytes, as well as at the end. A big file
   * written in one go sits in the page cache until its fsync, and on file systems that order
   * data before metadata (ext4's default) every other file's fsync meanwhile waits behind it:
   * syncing as it goes keeps what any other write waits for to one piece.
   */
  syncEveryBytes?: number;
}

/**
 * Replaces `path` with `data` (a whole, or pieces written in order) so that a crash at any
 * moment leaves either the old file or the new one, whole: write a temporary file beside it,
 * fsync it, rename it over the target, fsync the directory so the rename itself survives a
 * power loss.
 */
export async function atomicWriteFile(
  path: string,
  data: string | Uint8Array | readonly Uint8Array[],
  { syncEveryBytes }: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `${basename(path)}.tmp-${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) {
        await handle.writeFile(data);
      } else {
        let unsynced = 0;
        for (const piece of data) {
          await writeFully(handle, piece);
          unsynced += piece.length;
          if (syncEveryBytes !== undefined && unsynced >= syncEveryBytes) {
            await handle.datasync();
            unsynced = 0;
          }
        }
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDirectory(dir);
}

export async function writeFully(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}
