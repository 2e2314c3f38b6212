import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { openedUnlessAborted } from '../docker/connection/abortable';

function dial<T>(docker: Docker, options: object): Promise<T> {
  return new Promise((resolve, reject) =>
    docker.modem.dial(
      options as Parameters<Docker['modem']['dial']>[0],
      (error: unknown, data: unknown) => (error ? reject(error) : resolve(data as T)),
    ),
  );
}

export function inspectImage(
  docker: Docker,
  image: string,
  signal: AbortSignal,
): Promise<{ Id: string; RepoTags?: string[] | null; RootFS?: { Layers?: string[] } }> {
  return dial(docker, {
    path: `/images/${image}/json`,
    method: 'GET',
    options: {},
    abortSignal: signal,
    statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
  });
}

/** The engine's export of one image, as a stream; a cancel ends it. */
export function exportImage(
  docker: Docker,
  imageId: string,
  signal: AbortSignal,
): Promise<Readable> {
  const opening = dial<Readable>(docker, {
    path: `/images/${imageId}/get`,
    method: 'GET',
    options: {},
    isStream: true,
    abortSignal: signal,
    statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
  });
  return openedUnlessAborted(opening, signal);
}

/** `GET /images/{id}/history`: newest first. */
export function imageHistory(
  docker: Docker,
  imageId: string,
  signal: AbortSignal,
): Promise<{ CreatedBy?: string; Size?: number }[]> {
  return dial(docker, {
    path: `/images/${imageId}/history`,
    method: 'GET',
    options: {},
    abortSignal: signal,
    statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
  });
}

export interface ContainerLayer {
  id: string;
  name: string;
  state: string;
  imageId: string;
  /** Bytes of the container's read-write layer. */
  sizeRw: number;
}

/** Every container with the size of its read-write layer (`GET /containers/json?size=true`). */
export async function imageContainers(
  docker: Docker,
  signal: AbortSignal,
): Promise<ContainerLayer[]> {
  const listed = await dial<
    { Id: string; Names?: string[]; ImageID?: string; State?: string; SizeRw?: number }[]
  >(docker, {
    path: '/containers/json?',
    method: 'GET',
    options: { all: true, size: true },
    abortSignal: signal,
    statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
  });
  return listed.map((container) => ({
    id: container.Id,
    name: (container.Names?.[0] ?? container.Id.slice(0, 12)).replace(/^\//, ''),
    state: container.State ?? 'unknown',
    imageId: container.ImageID ?? '',
    sizeRw: container.SizeRw ?? 0,
  }));
}
