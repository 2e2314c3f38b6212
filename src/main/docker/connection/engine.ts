import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import Docker from 'dockerode';
import { StowageError, type DockerEvent, type EngineStatus } from '../../../shared';
import type { Clock } from '../../lib/clock';
import { resolveEndpoint, type EndpointSources } from './endpoint';
import { EngineMonitor } from './monitor';

/** The engine as the handlers see it: its status and a client, or why there is none. */
export interface EngineConnection {
  status(): EngineStatus;
  /** The client for the engine, or a DOCKER_UNREACHABLE error when none can be made. */
  docker(): Docker;
  start(): void;
  stop(): void;
}

export interface ConnectEngineOptions {
  sources: EndpointSources;
  clock: Clock;
  onStatus(status: EngineStatus): void;
  onEvent(event: DockerEvent): void;
}

export function connectEngine(options: ConnectEngineOptions): EngineConnection {
  let resolved;
  try {
    resolved = resolveEndpoint(options.sources);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return misconfiguredEngine(options, message);
  }
  const docker = new Docker(resolved.options);
  const monitor = new EngineMonitor({
    docker,
    endpoint: resolved.endpoint,
    clock: options.clock,
    onStatus: options.onStatus,
    onEvent: options.onEvent,
  });
  return {
    status: () => monitor.status(),
    docker: () => docker,
    start: () => monitor.start(),
    stop: () => monitor.stop(),
  };
}

/** A docker host setting that cannot work is reported, not retried: nothing would change. */
function misconfiguredEngine(options: ConnectEngineOptions, message: string): EngineConnection {
  const { env } = options.sources;
  const status: EngineStatus = {
    state: 'unreachable',
    endpoint: {
      address: env.DOCKER_HOST ?? env.DOCKER_CONTEXT ?? 'unknown',
      source: env.DOCKER_HOST ? 'DOCKER_HOST' : 'context',
    },
    message,
    since: options.clock.now(),
  };
  return {
    status: () => status,
    docker: () => {
      throw new StowageError('DOCKER_UNREACHABLE', message);
    },
    start: () => undefined,
    stop: () => undefined,
  };
}

/** Where the docker CLI looks: this process's environment, home directory and files. */
export function systemEndpointSources(): EndpointSources {
  return {
    env: process.env,
    homeDir: homedir(),
    platform: process.platform,
    readFile(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}
