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
