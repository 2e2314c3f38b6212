import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import Docker, { type DockerOptions } from 'dockerode';
import {
  StowageError,
  type DockerEvent,
  type EngineChoice,
  type EngineContext,
  type EngineContextList,
  type EngineEndpoint,
  type EngineStatus,
} from '../../../shared';
import type { Clock } from '../../lib/clock';
import { listContexts } from './contexts';
import { resolveChoice, resolveEndpoint, type EndpointSources } from './endpoint';
import { describeEngineFailure } from './errors';
import { EngineMonitor } from './monitor';
import { retirableAgent, type RetirableAgent } from './retirable-agent';
import { engineSettingsPath, loadEngineChoice, saveEngineChoice } from './settings';
import { signalAware } from './signal-aware';

/** The engine as the handlers see it: its status and a client, or why there is none. */
export interface EngineConnection {
  status(): EngineStatus;
  /** The client for the engine in use, or a DOCKER_UNREACHABLE error when none can be made. */
  docker(): Docker;
  start(): void;
  stop(): void;
  /** The engines there are to choose from, each unused one asked briefly whether it answers. */
  contexts(): Promise<EngineContextList>;
  /**
   * Switches to another engine and remembers the choice: the old event stream and everything
   * in flight on the old client end, docker() answers for the new engine, and the status goes
   * through `connecting`. Throws, switching nothing, when the choice cannot work.
   */
  use(choice: EngineChoice): EngineStatus;
}

export interface ConnectEngineOptions {
  sources: EndpointSources;
  clock: Clock;
  onStatus(status: EngineStatus): void;
  onEvent(event: DockerEvent): void;
  /** Stowage's data directory, where the chosen engine is remembered; without it, it is not. */
  dataDir?: string;
  /** How long an unused context gets to answer engine.contexts' ping. */
  probeTimeoutMs?: number;
}

/** One engine in use: its endpoint and, unless its address cannot work, client and monitor. */
interface EngineLink {
  endpoint: EngineEndpoint;
  status(): EngineStatus;
  docker(): Docker;
  start(): void;
  stop(): void;
  /** Stops watching and ends what is in flight on this engine with `error`. */
  retire(error: Error): void;
}

type Resolved = ReturnType<typeof resolveEndpoint>;

/** What a person calls an endpoint: its context (or DOCKER_HOST) and address. */
export function engineLabel(endpoint: EngineEndpoint): string {
  if (endpoint.source === 'DOCKER_HOST') return `DOCKER_HOST (${endpoint.address})`;
  if (endpoint.context) return `context “${endpoint.context}” (${endpoint.address})`;
  return endpoint.address;
}

const sameEndpoint = (a: EngineEndpoint, b: EngineEndpoint): boolean =>
  a.address === b.address && a.source === b.source && a.context === b.context;

export function connectEngine(options: ConnectEngineOptions): EngineConnection {
  const { sources, clock } = options;
  const settingsPath = options.dataDir ? engineSettingsPath(options.dataDir) : undefined;
  const notices: string[] = [];
  const notice = (text: string): void => {
    notices.push(text);
    console.warn(text);
  };
  let link: EngineLink;
  let started = false;

  const openLink = (resolved: Resolved): EngineLink => {
    const isCurrent = () => link === opened;
    const agent: RetirableAgent = retirableAgent(resolved.options.protocol === 'https');
    const dockerOptions: DockerOptions & { agent: unknown } = {
      ...resolved.options,
      agent: agent.agent,
    };
    const docker = new Docker(dockerOptions);
    const monitor = new EngineMonitor({
      docker,
      endpoint: resolved.endpoint,
      clock,
      // A retired engine's late news is not news about the engine in use.
      onStatus: (status) => isCurrent() && options.onStatus(status),
      onEvent: (event) => isCurrent() && options.onEvent(event),
    });
    const opened: EngineLink = {
      endpoint: resolved.endpoint,
      status: () => monitor.status(),
      docker: () => docker,
      start: () => monitor.start(),
      stop: () => monitor.stop(),
      retire: (error) => {
        monitor.stop();
        agent.retire(error);
      },
    };
    return opened;
  };

  const initialLink = (): EngineLink => {
    const remembered = settingsPath ? loadEngineChoice(settingsPath, clock) : undefined;
    if (remembered?.notice) notice(remembered.notice);
    if (remembered?.choice && !sources.env.DOCKER_HOST?.trim()) {
      try {
        return openLink(resolveChoice(sources, remembered.choice));
      } catch (error) {
        notice(
          `The remembered engine cannot be used (${describeEngineFailure(error)}); the docker CLI's engine is used instead.`,
        );
      }
    }
    try {
      return openLink(resolveEndpoint(sources));
    } catch (error) {
      return misconfiguredLink(options, describeEngineFailure(error));
    }
  };

  link = initialLink();

  const probe = async (context: EngineContext): Promise<EngineContext> => {
    if (context.broken || context.inUse || !context.host || context.host.startsWith('ssh:')) {
      return context;
    }
    try {
      const choice =
        context.kind === 'context' ? { context: context.name } : { host: context.host };
      const docker = new Docker(resolveChoice(sources, choice).options);
      await signalAware(docker).ping({
        abortSignal: AbortSignal.timeout(options.probeTimeoutMs ?? 2000),
      });
      return context;
    } catch (error) {
      return { ...context, unreachable: describeEngineFailure(error) };
    }
  };

  return {
    status: () => link.status(),
    docker: () => link.docker(),
    start: () => {
      started = true;
      link.start();
    },
    stop: () => {
      started = false;
      link.stop();
    },
    contexts: async () => {
      const listed = listContexts(sources, link.endpoint);
      const status = link.status();
      const contexts = await Promise.all(
        listed.contexts.map((context) =>
          context.inUse && status.state === 'unreachable'
            ? { ...context, unreachable: status.message ?? 'The engine does not answer.' }
            : probe(context),
        ),
      );
      return { contexts, notices: [...listed.notices, ...notices] };
    },
    use: (choice) => {
      const resolved = resolveChoice(sources, choice);
      if (settingsPath) {
        try {
          saveEngineChoice(settingsPath, choice);
        } catch (error) {
          notice(`The engine choice could not be remembered: ${describeEngineFailure(error)}`);
        }
      }
      if (sameEndpoint(resolved.endpoint, link.endpoint) && link.status().state !== 'unreachable') {
        return link.status();
      }
      const previous = link;
      link = openLink(resolved);
      previous.retire(
        new StowageError(
          'DOCKER_UNREACHABLE',
          `Stowage switched from ${engineLabel(previous.endpoint)} to ${engineLabel(resolved.endpoint)}; what ran on the old engine was stopped.`,
        ),
      );
      options.onStatus(link.status());
      if (started) link.start();
      return link.status();
    },
  };
}

/** A docker host setting that cannot work is reported, not retried: nothing would change. */
function misconfiguredLink(options: ConnectEngineOptions, message: string): EngineLink {
  const { env } = options.sources;
  const status: EngineStatus = {
    state: 'unreachable',
    endpoint: {
      address: env.DOCKER_HOST ?? env.DOCKER_CONTEXT ?? 'unknown',
      source: env.DOCKER_HOST ? 'DOCKER_HOST' : 'context',
      ...(env.DOCKER_HOST || !env.DOCKER_CONTEXT ? {} : { context: env.DOCKER_CONTEXT }),
    },
    message,
    since: options.clock.now(),
  };
  return {
    endpoint: status.endpoint,
    status: () => status,
    docker: () => {
      throw new StowageError('DOCKER_UNREACHABLE', message);
    },
    start: () => undefined,
    stop: () => undefined,
    retire: () => undefined,
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
    listDir(path) {
      try {
        return readdirSync(path);
      } catch {
        return undefined;
      }
    },
  };
}
