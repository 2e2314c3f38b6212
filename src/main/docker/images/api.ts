import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { openedUnlessAborted } from '../connection/abortable';
import type { RegistryAuth } from '../registries/credentials';
import type { RawContainerRef, RawHistoryEntry, RawImage, RawImageInspect } from './map';

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
    getJson<RawImageInspect>(docker, `/images/${image}/json`, signal),
    getJson<RawHistoryEntry[]>(docker, `/images/${image}/history`, signal),
  ]);
  return { inspect, history };
}

function getJson<T>(docker: Docker, path: string, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) =>
    docker.modem.dial(
      {
        path,
        method: 'GET',
        options: {},
        abortSignal: signal,
        statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
      } as Parameters<Docker['modem']['dial']>[0],
      (error: unknown, data: unknown) => (error ? reject(error) : resolve(data as T)),
    ),
  );
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
