import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { openedUnlessAborted } from '../connection/abortable';
import { engineRequest } from '../connection/engine-request';
import type { RegistryAuth } from '../registries/credentials';
import type {
  RawContainerRef,
  RawContainerUse,
  RawHistoryEntry,
  RawImage,
  RawImageInspect,
  RawImageUsage,
} from './map';

/** The image list and the containers that use them, fetched in parallel. */
export async function fetchImages(
  docker: Docker,
  signal: AbortSignal,
): Promise<{ images: RawImage[]; containers: RawContainerRef[] }> {
  const [images, containers] = await Promise.all([
    docker.listImages({ all: false, abortSignal: signal }),
    docker.listContainers({ all: true, abortSignal: signal }),
  ]);
  return { images, containers };
}

export async function fetchImageDetail(
  docker: Docker,
  image: string,
  signal: AbortSignal,
): Promise<{ inspect: RawImageInspect; history: RawHistoryEntry[] }> {
  // dockerode's inspect and history take no AbortSignal, so ask the engine directly.
  const [inspect, history] = await Promise.all([
    engineRequest<RawImageInspect>(docker, {
      method: 'GET',
      path: `/images/${image}/json`,
      signal,
    }),
    engineRequest<RawHistoryEntry[]>(docker, {
      method: 'GET',
      path: `/images/${image}/history`,
      signal,
    }),
  ]);
  return { inspect, history };
}

/** Every container, running or not: the image detail lists those made from the image. */
export async function fetchContainerUses(
  docker: Docker,
  signal: AbortSignal,
): Promise<RawContainerUse[]> {
  return docker.listContainers({ all: true, abortSignal: signal });
}

export async function removeImage(
  docker: Docker,
  image: string,
  force: boolean,
  signal: AbortSignal,
): Promise<{ Untagged?: string; Deleted?: string }[]> {
  return (await docker.getImage(image).remove({ force, abortSignal: signal } as object)) as {
    Untagged?: string;
    Deleted?: string;
  }[];
}

/** Starts a pull; the engine answers with a stream of JSON progress lines. */
export function openPull(
  docker: Docker,
  reference: string,
  auth: RegistryAuth | undefined,
  signal: AbortSignal,
): Promise<Readable> {
  const opening = docker.pull(reference, {
    abortSignal: signal,
    ...(auth ? { authconfig: auth } : {}),
  }) as Promise<Readable>;
  return openedUnlessAborted(opening, signal);
}

/** The id of an image the engine has, by reference. */
export async function imageIdOf(docker: Docker, reference: string, signal: AbortSignal) {
  const { inspect } = await fetchImageDetail(docker, reference, signal);
  return inspect.Id;
}

/** `docker tag`: the engine takes the repository and the tag apart. */
export async function tagImage(
  docker: Docker,
  image: string,
  target: string,
  signal: AbortSignal,
): Promise<void> {
  const { repository, tag } = splitTag(target);
  await docker
    .getImage(image)
    .tag({ repo: repository, tag, abortSignal: signal } as Docker.ImageTagOptions);
}

/** `localhost:5000/app:1.0` → `localhost:5000/app` and `1.0`; no tag means `latest`. */
export function splitTag(reference: string): { repository: string; tag: string } {
  const colon = reference.lastIndexOf(':');
  if (colon > reference.lastIndexOf('/')) {
    return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  }
  return { repository: reference, tag: 'latest' };
}

/** Starts a push; like a pull, the engine answers with JSON progress lines. */
export function openPush(
  docker: Docker,
  reference: string,
  auth: RegistryAuth | undefined,
  signal: AbortSignal,
): Promise<Readable> {
  const { repository, tag } = splitTag(reference);
  const opening = docker.getImage(repository).push({
    tag,
    abortSignal: signal,
    // The engine wants the header even without a login.
    authconfig: auth ?? { username: '', password: '', serveraddress: '' },
  } as object) as Promise<Readable>;
  return openedUnlessAborted(opening, signal);
}

/** The engine's disk usage view of its images: sizes shared with other images, users. */
export async function fetchImageUsage(
  docker: Docker,
  signal: AbortSignal,
): Promise<RawImageUsage[]> {
  // dockerode takes options here though its types say it does not.
  const df = docker.df.bind(docker) as unknown as (options: object) => Promise<unknown>;
  const usage = (await df({ abortSignal: signal })) as { Images?: RawImageUsage[] | null };
  return usage.Images ?? [];
}

/** Removes one image by id; `force` also removes it when several names point at it. */
export async function removeImageById(
  docker: Docker,
  id: string,
  force: boolean,
  signal: AbortSignal,
): Promise<void> {
  await docker.getImage(id).remove({ force, abortSignal: signal } as object);
}

/** Starts `docker build` of a packed context; the engine answers with JSON lines. */
export function openBuild(
  docker: Docker,
  context: Readable,
  options: {
    dockerfile: string;
    tags: readonly string[];
    buildArgs: Record<string, string>;
    noCache: boolean;
    target?: string | undefined;
  },
  signal: AbortSignal,
): Promise<Readable> {
  const opening = docker.buildImage(context, {
    dockerfile: options.dockerfile.replaceAll('\\', '/'),
    t: [...options.tags],
    buildargs: options.buildArgs,
    nocache: options.noCache,
    ...(options.target ? { target: options.target } : {}),
    rm: true,
    abortSignal: signal,
  } as object) as Promise<Readable>;
  return openedUnlessAborted(opening, signal);
}
