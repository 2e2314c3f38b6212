import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
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

/**
 * Replaces `path` with `data` so that a crash at any moment leaves either the old file or the
 * new one, whole: write a temporary file beside it, fsync it, rename it over the target, fsync
 * the directory so the rename itself survives a power loss.
 */
export async function atomicWriteFile(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `${basename(path)}.tmp-${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(data);
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
