import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, readlink, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import dockerignore from '@balena/dockerignore';
import { pack, type Pack } from 'tar-stream';
import { StowageError } from '../../../shared';

/**
 * The build context of a folder as the docker CLI sends it: a tar of every file that the
 * folder's .dockerignore does not exclude. The Dockerfile and .dockerignore always go, as
 * the CLI sends them even when ignored. Symlinks go as links and are never followed.
 */
export async function packBuildContext(
  folder: string,
  dockerfile: string,
  signal: AbortSignal,
): Promise<Readable> {
  const folderStat = await stat(folder).catch(() => undefined);
  if (!folderStat?.isDirectory()) throw new StowageError('NOT_FOUND', `No folder at ${folder}.`);
  const dockerfilePath = posix.normalize(dockerfile.replaceAll('\\', '/'));
  const dockerfileStat = await stat(join(folder, dockerfilePath)).catch(() => undefined);
  if (!dockerfileStat?.isFile()) {
    throw new StowageError('NOT_FOUND', `No Dockerfile at ${join(folder, dockerfilePath)}.`);
  }
  const rules = await readFile(join(folder, '.dockerignore'), 'utf8').catch(() => '');
  const ignored = dockerignore({ ignorecase: false }).add(rules);
  const alwaysSent = new Set([dockerfilePath, '.dockerignore']);
  const keep = (path: string) => alwaysSent.has(path) || !ignored.ignores(path);

  const archive = pack();
  void fill(archive, folder, keep, signal).then(
    () => archive.finalize(),
    (error: unknown) => archive.destroy(error as Error),
  );
  // tar-stream's Pack is a streamx Readable, which the engine request pipes like a Node one.
  return archive as unknown as Readable;
}

async function fill(
  archive: Pack,
  folder: string,
  keep: (path: string) => boolean,
  signal: AbortSignal,
): Promise<void> {
  const pending = [''];
  while (pending.length > 0) {
    const directory = pending.pop() as string;
    const names = (await readdir(join(folder, directory))).sort();
    for (const name of names) {
      if (signal.aborted) throw new StowageError('CANCELLED', 'The build was cancelled.');
      const path = directory ? `${directory}/${name}` : name;
      const info = await lstat(join(folder, path));
      // A directory that is excluded can still hold files an exception (`!dir/keep`) brings
      // back, so directories are walked whatever the rules say about them.
      if (info.isDirectory()) {
        if (keep(path)) await addEntry(archive, { name: path, type: 'directory', info });
        pending.push(path);
      } else if (keep(path)) {
        await addFileLike(archive, folder, path, info);
      }
    }
  }
}

interface EntryFacts {
  name: string;
  type: 'directory' | 'file' | 'symlink';
  info: Awaited<ReturnType<typeof lstat>>;
  size?: number;
  linkname?: string;
}

async function addFileLike(
  archive: Pack,
  folder: string,
  path: string,
  info: EntryFacts['info'],
): Promise<void> {
  if (info.isSymbolicLink()) {
    const linkname = await readlink(join(folder, path));
    await addEntry(archive, { name: path, type: 'symlink', info, linkname });
  } else if (info.isFile()) {
    const entry = archive.entry(
      header({ name: path, type: 'file', info, size: Number(info.size) }),
    );
    await pipeline(createReadStream(join(folder, path)), entry);
  }
  // Sockets, fifos and devices are not part of a build context.
}

function addEntry(archive: Pack, facts: EntryFacts): Promise<void> {
  return new Promise((resolve, reject) =>
    archive.entry(header(facts), (error) => (error ? reject(error) : resolve())),
  );
}

function header(facts: EntryFacts) {
  return {
    name: facts.name,
    type: facts.type,
    mode: Number(facts.info.mode) & 0o7777,
    mtime: new Date(Number(facts.info.mtimeMs)),
    uid: 0,
    gid: 0,
    ...(facts.size !== undefined ? { size: facts.size } : {}),
    ...(facts.linkname !== undefined ? { linkname: facts.linkname } : {}),
  };
}
