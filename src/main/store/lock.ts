import { createHash } from 'node:crypto';
import { lstat, open, rm } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';

/** Another process (or another open store in this one) already has the store open. */
export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError';
}

/**
 * Where the lock listens. On Unix a socket file in the store's folder (`<name>.lock`); on
 * Windows a named pipe derived from that path. Either is released by the kernel the moment its
 * process dies, however it dies: nothing recorded in a file (a pid, which a restarted container
 * hands out again) is ever trusted.
 */
export function lockEndpoint(path: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    const digest = createHash('sha256').update(path.toLowerCase()).digest('hex').slice(0, 32);
    return `\\\\.\\pipe\\stowage-lock-${digest}`;
  }
  return path;
}

/** Unix socket paths are limited to 108 bytes on Linux, 104 on macOS. */
const maxSocketPathBytes = 103;
/** A takeover guard older than this was left by a process that died while taking over. */
const takeoverGraceMs = 10_000;

/** Lock paths held by open stores of this process. */
const heldHere = new Set<string>();

function listen(endpoint: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    // Whoever connects only learns that the lock is held.
    const server = createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen(endpoint, () => {
      server.off('error', reject);
      // An open lock must not keep the process alive by itself.
      server.unref();
      resolve(server);
    });
  });
}

/** Whether a live process listens on the endpoint. */
function answers(endpoint: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(endpoint);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    // ECONNREFUSED (a socket file nobody listens on), ENOTSOCK or ECONNREFUSED (a plain file),
    // ENOENT (gone meanwhile): nobody holds it.
    socket.once('error', () => resolve(false));
  });
}

function lockedError(name: string, dir: string, where: string): StoreLockedError {
  return new StoreLockedError(`The store "${name}" in ${dir} is already open in ${where}`);
}

/**
 * Removes a lock nobody answers on, under a guard file so that two processes finding it stale
 * at once do not each remove the one the other has just made.
 */
async function removeStale(path: string, endpoint: string): Promise<void> {
  const guard = `${path}.takeover`;
  let handle;
  try {
    handle = await open(guard, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - (await lstat(guard).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > takeoverGraceMs) await rm(guard, { force: true });
    return;
  }
  try {
    if (!(await answers(endpoint))) await rm(path, { force: true });
  } finally {
    await handle.close();
    await rm(guard, { force: true });
  }
}

/**
 * Takes the lock of store `name` in `dir` — a listening socket — so that two processes never
 * write one journal (their records would interleave). A lock left by a process that is gone is
 * a socket nobody answers on, and is taken over; so is any other file in its place. Resolves
 * with the function that releases it.
 */
export async function lockStore(dir: string, name: string): Promise<() => Promise<void>> {
  const path = join(dir, `${name}.lock`);
  const endpoint = lockEndpoint(path);
  if (heldHere.has(path)) throw lockedError(name, dir, 'this process');
  if (process.platform !== 'win32' && Buffer.byteLength(endpoint) > maxSocketPathBytes) {
    throw new StoreLockedError(
      `The store "${name}" cannot be locked: its folder's path is too long for a socket (${path})`,
    );
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const server = await listen(endpoint);
      heldHere.add(path);
      let released: Promise<void> | undefined;
      // Closing the server removes its socket file.
      return () =>
        (released ??= new Promise<void>((resolve) => server.close(() => resolve())).finally(() =>
          heldHere.delete(path),
        ));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
    if (await answers(endpoint)) throw lockedError(name, dir, 'another process');
    if (process.platform !== 'win32') await removeStale(path, endpoint);
    // Another process may be taking it over: let it finish before trying again.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new StoreLockedError(`The store "${name}" in ${dir} could not be locked: ${path}`);
}
