import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { pack } from 'tar-stream';
import { StowageError, type TourCleanUp } from '../../shared';
import { parseJsonLines } from '../docker/connection/json-lines';
import { buildFailure, builtImageId, type RawBuildLine } from '../docker/images/build-map';
import {
  BASE_STEP,
  cleanUpPlan,
  TOUR_LABEL,
  TOUR_LABEL_VALUE,
  TOUR_STEP_LABEL,
  tourLabels,
  type CleanUpScope,
} from './clean-up-plan';

/** The image every step runs: the host's static busybox in one layer, its links in another. */
export const TOUR_BASE_IMAGE = 'stowage-tour/base:1';
/** Where a static busybox is looked for on the machine that runs Stowage. */
const busyboxPaths = ['/bin/busybox', '/usr/bin/busybox'];

export const busyboxNeed = 'A static busybox on this machine (/bin/busybox), for the tour’s image';
export const engineNeed = 'A Docker engine';

const cancelled = (what: string) => new StowageError('CANCELLED', `${what} was cancelled.`);

export function throwIfCancelled(signal: AbortSignal, what: string): void {
  if (signal.aborted) throw cancelled(what);
}

/** Files of a build context, packed as the engine takes them. */
export function packContext(files: Record<string, string | Buffer>): Readable {
  const archive = pack();
  for (const [name, contents] of Object.entries(files)) {
    archive.entry({ name, mode: name === 'busybox' ? 0o755 : 0o644 }, contents);
  }
  archive.finalize();
  // tar-stream's Pack is a streamx Readable, which the engine request pipes like a Node one.
  return archive as unknown as Readable;
}

/** Builds a context with the legacy builder (one image per instruction) and returns the id. */
export async function buildImage(
  docker: Docker,
  files: Record<string, string | Buffer>,
  tags: readonly string[],
  signal: AbortSignal,
): Promise<string> {
  // Cancelled by closing the answer: the engine stops a build whose client went away. (An
  // abort signal on the request itself can fail the answer after nobody listens any more.)
  const answer = (await docker.buildImage(packContext(files), {
    t: [...tags],
    rm: true,
  } as object)) as unknown as Readable;
  const stop = () => answer.destroy();
  signal.addEventListener('abort', stop, { once: true });
  let built: string | undefined;
  let failure: string | undefined;
  const feed = parseJsonLines<RawBuildLine>((line) => {
    failure ??= buildFailure(line);
    built = builtImageId(line) ?? built;
  });
  try {
    for await (const chunk of answer) feed((chunk as Buffer).toString('utf8'));
  } catch (error) {
    throwIfCancelled(signal, 'The build');
    throw error;
  } finally {
    signal.removeEventListener('abort', stop);
    answer.destroy();
  }
  throwIfCancelled(signal, 'The build');
  if (failure) throw new StowageError('OPERATION_FAILED', failure);
  if (!built) throw new StowageError('INTERNAL', 'The engine did not say what it built.');
  const image = (await docker.getImage(built).inspect()) as {
    Id: string;
  };
  return image.Id;
}

async function hostBusybox(): Promise<Buffer> {
  for (const path of busyboxPaths) {
    const binary = await readFile(path).catch(() => undefined);
    if (binary) return binary;
  }
  throw new StowageError(
    'NOT_FOUND',
    `The tour builds its image from a static busybox and found none at ${busyboxPaths.join(' or ')}. Install one (Debian: apt-get install busybox-static).`,
  );
}

const baseLabels = Object.entries(tourLabels(BASE_STEP))
  .map(([name, value]) => `${name}="${value}"`)
  .join(' ');

/** The tour's base image, built from the host's busybox the first time it is needed. */
export async function ensureBaseImage(
  docker: Docker,
  signal: AbortSignal,
  progress: (message: string) => Promise<void>,
): Promise<string> {
  const existing = (await docker
    .getImage(TOUR_BASE_IMAGE)
    .inspect()
    .catch(() => undefined)) as
    { Id: string; Config?: { Labels?: Record<string, string> } } | undefined;
  if (existing?.Config?.Labels?.[TOUR_LABEL] === TOUR_LABEL_VALUE) return existing.Id;
  await progress(`Building ${TOUR_BASE_IMAGE} from this machine’s busybox (nothing is pulled).`);
  const dockerfile = [
    'FROM scratch',
    `LABEL ${baseLabels}`,
    'COPY busybox /bin/busybox',
    'RUN ["/bin/busybox","--install","-s","/bin"]',
    'CMD ["/bin/sh"]',
  ].join('\n');
  return buildImage(
    docker,
    { Dockerfile: `${dockerfile}\n`, busybox: await hostBusybox() },
    [TOUR_BASE_IMAGE],
    signal,
  );
}

export interface RunOptions {
  name: string;
  image: string;
  cmd: readonly string[];
  step: string;
}

/** Creates a labelled container (a terminal, so its output comes back as plain text). */
export async function createTourContainer(
  docker: Docker,
  options: RunOptions,
  signal: AbortSignal,
): Promise<Docker.Container> {
  throwIfCancelled(signal, 'The step');
  return docker.createContainer({
    name: options.name,
    Image: options.image,
    Cmd: [...options.cmd],
    Tty: true,
    Labels: tourLabels(options.step),
    HostConfig: { NetworkMode: 'none' },
  });
}

export async function outputOf(container: Docker.Container, signal: AbortSignal): Promise<string> {
  throwIfCancelled(signal, 'The step');
  const logs = (await container.logs({
    stdout: true,
    stderr: true,
    follow: false,
  })) as unknown as Buffer;
  return logs.toString('utf8').trim();
}

/** Runs a command in a running container and returns its output. */
export async function execIn(
  container: Docker.Container,
  cmd: readonly string[],
  signal: AbortSignal,
): Promise<string> {
  throwIfCancelled(signal, 'The step');
  const exec = await container.exec({
    Cmd: [...cmd],
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false, Tty: true } as object);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const inspected = await exec.inspect();
  const output = Buffer.concat(chunks).toString('utf8').trim();
  if (inspected.ExitCode !== 0) {
    throw new StowageError(
      'OPERATION_FAILED',
      `${cmd.join(' ')} exited with ${inspected.ExitCode}: ${output}`,
    );
  }
  return output;
}

interface ListedImage {
  Id: string;
  RepoTags?: string[] | null;
  Labels?: Record<string, string> | null;
  Created: number;
}

const isGone = (error: unknown) => (error as { statusCode?: number }).statusCode === 404;
const reasonOf = (error: unknown) =>
  (error as { json?: { message?: string } }).json?.message ??
  (error instanceof Error ? error.message : String(error));

/**
 * Removes what the tour made, found by its labels: one step's things, or all of it. What the
 * engine refuses to remove (an image someone else's container uses) is kept and said why.
 */
export async function removeTourResources(
  docker: Docker,
  scope: CleanUpScope,
  signal: AbortSignal,
): Promise<TourCleanUp> {
  const label =
    scope === 'whole-tour'
      ? `${TOUR_LABEL}=${TOUR_LABEL_VALUE}`
      : `${TOUR_STEP_LABEL}=${scope.step}`;
  const filters = JSON.stringify({ label: [label] });
  const containers = await docker.listContainers({ all: true, filters } as object);
  const images = (await docker.listImages({ filters } as object)) as unknown as ListedImage[];
  const plan = cleanUpPlan(
    scope,
    containers.map((container) => ({
      id: container.Id,
      name: (container.Names[0] ?? container.Id).replace(/^\//, ''),
      labels: container.Labels,
    })),
    images.map((image) => ({
      id: image.Id,
      tags: (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>'),
      labels: image.Labels ?? {},
      created: image.Created,
    })),
  );
  const outcome: TourCleanUp = { removed: [], kept: [] };
  for (const action of plan) {
    throwIfCancelled(signal, 'The clean-up');
    try {
      if (action.kind === 'remove-container') {
        await docker.getContainer(action.resource.id).remove({ force: true, v: true } as object);
      } else {
        await docker.getImage(action.reference).remove();
      }
      outcome.removed.push(action.resource);
    } catch (error) {
      if (isGone(error)) outcome.removed.push(action.resource);
      else outcome.kept.push({ resource: action.resource, reason: reasonOf(error) });
    }
  }
  return outcome;
}
