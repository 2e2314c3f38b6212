import { open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Another process (or another open store in this one) already has the store open. */
export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError';
}

/** A lock file being written by its creator is not taken for a stale one before this. */
const writingGraceMs = 5_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<name>.lock` in `dir`, holding this process's id, so two processes never write one
 * journal (their records would interleave). A lock whose process has gone — it was killed — is
 * taken over. Resolves with the function that releases it.
 */
export async function lockStore(dir: string, name: string): Promise<() => Promise<void>> {
  const path = join(dir, `${name}.lock`);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    const held = Number.isSafeInteger(holder)
      ? isAlive(holder)
      : Date.now() - (await stat(path).catch(() => ({ mtimeMs: 0 }))).mtimeMs < writingGraceMs;
    if (held) {
      const who = holder === process.pid ? 'this process' : `process ${holder}`;
      throw new StoreLockedError(
        `The store "${name}" in ${dir} is already open in ${who}` +
          ` (if it is not, delete ${path})`,
      );
    }
    await rm(path, { force: true });
  }
  throw new StoreLockedError(`The store "${name}" in ${dir} could not be locked: ${path}`);
}
