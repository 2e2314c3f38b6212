import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { openedUnlessAborted } from '../docker/connection/abortable';
import { engineRequest, engineStream } from '../docker/connection/engine-request';

export function inspectImage(
  docker: Docker,
  image: string,
  signal: AbortSignal,
): Promise<{ Id: string; RepoTags?: string[] | null; RootFS?: { Layers?: string[] } }> {
  return engineRequest(docker, { method: 'GET', path: `/images/${image}/json`, signal });
}

/** The engine's export of one image, as a stream; a cancel ends it. */
export function exportImage(
  docker: Docker,
  imageId: string,
  signal: AbortSignal,
): Promise<Readable> {
  const opening = engineStream(docker, { method: 'GET', path: `/images/${imageId}/get`, signal });
  return openedUnlessAborted(opening, signal);
}

/** `GET /images/{id}/history`: newest first. */
export function imageHistory(
  docker: Docker,
  imageId: string,
  signal: AbortSignal,
): Promise<{ CreatedBy?: string; Size?: number }[]> {
  return engineRequest(docker, { method: 'GET', path: `/images/${imageId}/history`, signal });
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
  const listed = await engineRequest<
    { Id: string; Names?: string[]; ImageID?: string; State?: string; SizeRw?: number }[]
  >(docker, { method: 'GET', path: '/containers/json', query: { all: true, size: true }, signal });
  return listed.map((container) => ({
    id: container.Id,
    name: (container.Names?.[0] ?? container.Id.slice(0, 12)).replace(/^\//, ''),
    state: container.State ?? 'unknown',
    imageId: container.ImageID ?? '',
    sizeRw: container.SizeRw ?? 0,
  }));
}
