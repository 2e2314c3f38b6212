import type { Readable } from 'node:stream';
import type Docker from 'dockerode';

type DialOptions = Parameters<Docker['modem']['dial']>[0];

/** One request to the engine's HTTP API. */
export interface EngineRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** The path without the API version; its variable parts already encoded. */
  path: string;
  /** Object values travel as JSON (the engine's `filters`). */
  query?: Record<string, unknown>;
  /** Sent as JSON with a POST; the engine reads no other body. */
  body?: object;
  signal: AbortSignal;
}

// The answers that are not failures; the others name the failure in the error's message.
const statusCodes = {
  200: true,
  201: true,
  204: true,
  304: true,
  400: 'bad parameter',
  403: 'forbidden',
  404: 'not found',
  409: 'conflict',
  500: 'server error',
};

/**
 * One request to the engine with its JSON answer parsed. dockerode's wrappers drop the
 * AbortSignal for some calls and treat some answers (403) as unexpected, so Stowage asks the
 * engine directly; failures carry `statusCode` and `json.message` for mapDockerError like
 * dockerode's own.
 */
export function engineRequest<T>(docker: Docker, request: EngineRequest): Promise<T> {
  return dial<T>(docker, request, false);
}

/** The same request with the answer's body as a stream (an image export). */
export function engineStream(docker: Docker, request: EngineRequest): Promise<Readable> {
  return dial<Readable>(docker, request, true);
}

function dial<T>(
  docker: Docker,
  { method, path, query = {}, body = {}, signal }: EngineRequest,
  isStream: boolean,
): Promise<T> {
  return new Promise((resolve, reject) =>
    docker.modem.dial(
      {
        path: `${path}?`,
        method,
        options: { _query: query, _body: body },
        abortSignal: signal,
        isStream,
        statusCodes,
      } as DialOptions,
      (error: unknown, data: unknown) => (error ? reject(error) : resolve(data as T)),
    ),
  );
}
