import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import Docker from 'dockerode';
import { StowageError, type EngineStatus } from '../shared';
import { resolveEndpoint, type EndpointSources, type ResolvedEndpoint } from './docker/endpoint';
import { EngineMonitor } from './docker/engine-monitor';
import { readEngineInfo } from './docker/engine-info';
import { listImages } from './docker/images';
import { EventHub } from './ipc/event-hub';
import { toStowageError } from './ipc/to-stowage-error';
import { createRouter, type Router } from './ipc/router';

export interface Services {
  router: Router;
  events: EventHub;
  engineStatus(): EngineStatus;
  /** Starts watching the engine; returns at once, nothing waits for the engine. */
  start(): void;
  stop(): void;
}

export interface ServicesOptions {
  endpointSources?: EndpointSources;
}

/** Everything the main process offers, independent of how clients reach it. */
export function createServices(options: ServicesOptions = {}): Services {
  const sources = options.endpointSources ?? systemEndpointSources();
  const events = new EventHub();
  const engine = connectEngine(sources, events);

  const router = createRouter({
    'engine.status': async () => engine.status(),
    'engine.info': async (_input, { signal }) => readEngineInfo(engine.docker(), signal),
    'images.list': async (_input, { signal }) => listImages(engine.docker(), signal),
  });

  return {
    router,
    events,
    engineStatus: () => engine.status(),
    start: () => engine.monitor?.start(),
    stop: () => engine.monitor?.stop(),
  };
}

interface EngineConnection {
  monitor: EngineMonitor | undefined;
  status(): EngineStatus;
  /** The client for the engine, or a DOCKER_UNREACHABLE error when none can be made. */
  docker(): Docker;
}

function connectEngine(sources: EndpointSources, events: EventHub): EngineConnection {
  let resolved: ResolvedEndpoint;
  try {
    resolved = resolveEndpoint(sources);
  } catch (error) {
    return misconfiguredEngine(sources, toStowageError(error).message);
  }
  const docker = new Docker(resolved.options);
  const monitor = new EngineMonitor({
    docker,
    endpoint: resolved.endpoint,
    onStatus: (status) => events.emit('engine.status', status),
    onEvent: (event) => events.emit('docker.event', event),
  });
  return { monitor, status: () => monitor.status(), docker: () => docker };
}

/** A docker host setting that cannot work is reported, not retried: nothing would change. */
function misconfiguredEngine(sources: EndpointSources, message: string): EngineConnection {
  const status: EngineStatus = {
    state: 'unreachable',
    endpoint: {
      address: sources.env.DOCKER_HOST ?? sources.env.DOCKER_CONTEXT ?? 'unknown',
      source: sources.env.DOCKER_HOST ? 'DOCKER_HOST' : 'context',
    },
    message,
    since: Date.now(),
  };
  return {
    monitor: undefined,
    status: () => status,
    docker: () => {
      throw new StowageError('DOCKER_UNREACHABLE', message);
    },
  };
}

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
