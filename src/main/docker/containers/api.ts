import type { IncomingMessage } from 'node:http';
import type { Duplex, Readable } from 'node:stream';
import type Docker from 'dockerode';
import { openedUnlessAborted } from '../connection/abortable';
import { engineRequest } from '../connection/engine-request';
import type { RawContainer, RawContainerInspect } from './map';

const containerPath = (container: string) => `/containers/${encodeURIComponent(container)}`;

export function listContainers(
  docker: Docker,
  options: { all: boolean; size: boolean; ids?: readonly string[] | undefined },
  signal: AbortSignal,
): Promise<RawContainer[]> {
  const { ids, ...rest } = options;
  return docker.listContainers({
    ...rest,
    ...(ids ? { filters: JSON.stringify({ id: ids }) } : {}),
    abortSignal: signal,
  }) as Promise<RawContainer[]>;
}

export function inspectContainer(
  docker: Docker,
  container: string,
  signal: AbortSignal,
): Promise<RawContainerInspect> {
  return engineRequest(docker, { method: 'GET', path: `${containerPath(container)}/json`, signal });
}

export interface RawImageConfig {
  Config?: {
    Env?: string[] | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Labels?: Record<string, string> | null;
  } | null;
}

/** The image's own config, or undefined when the image is gone. */
export async function imageConfig(
  docker: Docker,
  image: string,
  signal: AbortSignal,
): Promise<RawImageConfig | undefined> {
  try {
    return await engineRequest<RawImageConfig>(docker, {
      method: 'GET',
      // Image references hold slashes the engine's router expects as they are.
      path: `/images/${image}/json`,
      signal,
    });
  } catch {
    return undefined;
  }
}

export type LifecycleAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill';

export async function lifecycle(
  docker: Docker,
  container: string,
  action: LifecycleAction,
  query: Record<string, unknown>,
  signal: AbortSignal,
): Promise<void> {
  await engineRequest(docker, {
    method: 'POST',
    path: `${containerPath(container)}/${action}`,
    query,
    signal,
  });
}

export async function removeContainer(
  docker: Docker,
  container: string,
  options: { force: boolean; volumes: boolean },
  signal: AbortSignal,
): Promise<void> {
  await engineRequest(docker, {
    method: 'DELETE',
    path: containerPath(container),
    query: { force: options.force, v: options.volumes },
    signal,
  });
}

export async function renameContainer(
  docker: Docker,
  container: string,
  name: string,
  signal: AbortSignal,
): Promise<void> {
  await engineRequest(docker, {
    method: 'POST',
    path: `${containerPath(container)}/rename`,
    query: { name },
    signal,
  });
}

export function createContainer(
  docker: Docker,
  name: string,
  body: Record<string, unknown>,
  signal: AbortSignal,
): Promise<{ Id: string; Warnings?: string[] | null }> {
  return engineRequest(docker, {
    method: 'POST',
    path: '/containers/create',
    query: name ? { name } : {},
    body,
    signal,
  });
}

export function topOf(
  docker: Docker,
  container: string,
  psArgs: string | undefined,
  signal: AbortSignal,
): Promise<{ Titles?: string[]; Processes?: string[][] }> {
  return engineRequest(docker, {
    method: 'GET',
    path: `${containerPath(container)}/top`,
    query: psArgs ? { ps_args: psArgs } : {},
    signal,
  });
}

export function changesOf(docker: Docker, container: string, signal: AbortSignal) {
  return engineRequest<unknown>(docker, {
    method: 'GET',
    path: `${containerPath(container)}/changes`,
    signal,
  });
}

/**
 * `HEAD /containers/{id}/archive?path=`: the engine's stat of one path in the container, as
 * the base64 JSON of its `X-Docker-Container-Path-Stat` header; undefined when the path is
 * not there (any more) or the engine gives no stat.
 */
export async function statInContainer(
  docker: Docker,
  container: string,
  path: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  try {
    const response = (await docker
      .getContainer(container)
      .infoArchive({ path, abortSignal: signal })) as IncomingMessage;
    response.resume();
    const header = response.headers['x-docker-container-path-stat'];
    return typeof header === 'string' ? header : undefined;
  } catch (error) {
    if (signal.aborted) throw error;
    return undefined;
  }
}

export function openLogs(
  docker: Docker,
  container: string,
  options: { follow: boolean; timestamps: boolean; tail?: number | undefined },
  signal: AbortSignal,
): Promise<Readable | Buffer> {
  const opening = docker.getContainer(container).logs({
    follow: options.follow as true,
    stdout: true,
    stderr: true,
    timestamps: options.timestamps,
    tail: options.tail ?? 'all',
    abortSignal: signal,
  } as Docker.ContainerLogsOptions & { follow: true }) as unknown as Promise<Readable | Buffer>;
  return options.follow
    ? (openedUnlessAborted(opening as Promise<Readable>, signal) as Promise<Readable>)
    : opening;
}

export function openStats(docker: Docker, container: string, signal: AbortSignal) {
  const opening = docker.getContainer(container).stats({ stream: true, abortSignal: signal } as {
    stream: true;
  }) as unknown as Promise<Readable>;
  return openedUnlessAborted(opening, signal);
}

export interface ExecSession {
  socket: Duplex;
  resize(cols: number, rows: number): Promise<void>;
  exitCode(): Promise<number>;
}

/** `docker exec -it`: a hijacked connection carries the terminal both ways. */
export async function startExec(
  docker: Docker,
  container: string,
  cmd: string[],
  signal: AbortSignal,
): Promise<ExecSession> {
  const exec = await docker.getContainer(container).exec({
    Cmd: cmd,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    abortSignal: signal,
  } as Docker.ExecCreateOptions);
  const opening = exec.start({ hijack: true, stdin: true, Tty: true }) as Promise<Duplex>;
  const socket = await openedUnlessAborted(opening, signal);
  return {
    socket,
    resize: async (cols, rows) => {
      await exec.resize({ h: rows, w: cols });
    },
    exitCode: async () => ((await exec.inspect()) as { ExitCode: number | null }).ExitCode ?? 0,
  };
}
