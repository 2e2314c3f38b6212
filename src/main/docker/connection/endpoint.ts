import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { DockerOptions } from 'dockerode';
import { StowageError, type EngineChoice, type EngineEndpoint } from '../../../shared';

export interface EndpointSources {
  env: Record<string, string | undefined>;
  homeDir: string;
  platform: NodeJS.Platform;
  /** Returns the file's text, or undefined when it does not exist. */
  readFile(path: string): string | undefined;
  /** The names in a directory, or undefined when it does not exist; without it no context is listed. */
  listDir?(path: string): string[] | undefined;
}

export interface ResolvedEndpoint {
  endpoint: EngineEndpoint;
  options: DockerOptions;
}

const defaultSocket = '/var/run/docker.sock';
const defaultPipe = '//./pipe/docker_engine';

/**
 * Finds the engine the way the docker CLI does: `DOCKER_HOST`, then the context named by
 * `DOCKER_CONTEXT` or the config's `currentContext`, then the platform's default socket.
 */
export function resolveEndpoint(sources: EndpointSources): ResolvedEndpoint {
  const host = sources.env.DOCKER_HOST?.trim();
  if (host) {
    return {
      endpoint: { address: host, source: 'DOCKER_HOST' },
      options: optionsForHost(host, tlsFromEnv(sources)),
    };
  }
  return resolveContext(sources, cliContextName(sources));
}

/** The endpoint of an explicit choice: a context by name (`DOCKER_HOST` too) or an address. */
export function resolveChoice(sources: EndpointSources, choice: EngineChoice): ResolvedEndpoint {
  const envHost = sources.env.DOCKER_HOST?.trim();
  if ('host' in choice) {
    const host = choice.host.trim();
    if (host === envHost) return resolveChoice(sources, { context: 'DOCKER_HOST' });
    return { endpoint: { address: host, source: 'address' }, options: optionsForHost(host) };
  }
  if (choice.context === 'DOCKER_HOST') {
    if (!envHost) throw new StowageError('NOT_FOUND', 'DOCKER_HOST is not set.');
    return {
      endpoint: { address: envHost, source: 'DOCKER_HOST' },
      options: optionsForHost(envHost, tlsFromEnv(sources)),
    };
  }
  return resolveContext(sources, choice.context);
}

/** The context the docker CLI would use when DOCKER_HOST is not set. */
export function cliContextName(sources: EndpointSources): string {
  const configDir = dockerConfigDir(sources);
  return sources.env.DOCKER_CONTEXT?.trim() || currentContext(sources, configDir) || 'default';
}

/** Where the implicit `default` context points on this platform. */
export function defaultAddress(platform: NodeJS.Platform): string {
  return platform === 'win32' ? `npipe://${defaultPipe}` : `unix://${defaultSocket}`;
}

function resolveContext(sources: EndpointSources, name: string): ResolvedEndpoint {
  if (name === 'default') {
    const address = defaultAddress(sources.platform);
    return {
      endpoint: { address, source: 'default', context: 'default' },
      options: optionsForHost(address),
    };
  }
  return fromContext(sources, dockerConfigDir(sources), name);
}

/** The directory of a context's files: the docker CLI names it by the SHA-256 of the name. */
export function contextDigest(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

export interface ContextMeta {
  name: string;
  description: string;
  host: string;
}

/**
 * A context's meta.json, checked; throws a StowageError that says what is wrong with it.
 * `knownName` is the name it was looked up by, when it was.
 */
export function parseContextMeta(text: string, metaPath: string, knownName?: string): ContextMeta {
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch {
    throw new StowageError('INVALID_INPUT', `${metaPath} is not valid JSON.`);
  }
  const record = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  const top = record(meta);
  const name = typeof top.Name === 'string' && top.Name !== '' ? top.Name : knownName;
  if (name === undefined) {
    throw new StowageError('INVALID_INPUT', `${metaPath} names no context.`);
  }
  const description = record(top.Metadata).Description;
  const host = record(record(top.Endpoints).docker).Host;
  if (typeof host !== 'string' || host === '') {
    throw new StowageError('INVALID_INPUT', `The docker context "${name}" has no docker endpoint.`);
  }
  return { name, description: typeof description === 'string' ? description : '', host };
}

/** Where the docker CLI keeps its config: `DOCKER_CONFIG`, else `~/.docker`. */
export function dockerConfigDir(sources: EndpointSources): string {
  return sources.env.DOCKER_CONFIG || join(sources.homeDir, '.docker');
}

function currentContext(sources: EndpointSources, configDir: string): string | undefined {
  const text = sources.readFile(join(configDir, 'config.json'));
  if (!text) return undefined;
  try {
    const config = JSON.parse(text) as { currentContext?: unknown };
    return typeof config.currentContext === 'string' ? config.currentContext : undefined;
  } catch {
    throw new StowageError(
      'INVALID_INPUT',
      `${join(configDir, 'config.json')} is not valid JSON, so the current docker context is unknown.`,
    );
  }
}

function fromContext(sources: EndpointSources, configDir: string, name: string): ResolvedEndpoint {
  const digest = contextDigest(name);
  const metaPath = join(configDir, 'contexts', 'meta', digest, 'meta.json');
  const text = sources.readFile(metaPath);
  if (!text) {
    throw new StowageError(
      'NOT_FOUND',
      `The docker context "${name}" does not exist (${metaPath}).`,
    );
  }
  const { host } = parseContextMeta(text, metaPath, name);
  const tlsDir = join(configDir, 'contexts', 'tls', digest, 'docker');
  const tls = readTls(sources, tlsDir);
  return {
    endpoint: { address: host, source: 'context', context: name },
    options: optionsForHost(host, tls),
  };
}

interface TlsMaterial {
  ca?: string;
  cert?: string;
  key?: string;
}

function tlsFromEnv(sources: EndpointSources): TlsMaterial | undefined {
  const certPath = sources.env.DOCKER_CERT_PATH;
  if (!sources.env.DOCKER_TLS_VERIFY && !certPath) return undefined;
  return readTls(sources, certPath || join(sources.homeDir, '.docker'));
}

function readTls(sources: EndpointSources, dir: string): TlsMaterial | undefined {
  const ca = sources.readFile(join(dir, 'ca.pem'));
  const cert = sources.readFile(join(dir, 'cert.pem'));
  const key = sources.readFile(join(dir, 'key.pem'));
  if (!ca && !cert && !key) return undefined;
  return { ca, cert, key };
}

/** Turns a docker host address into dockerode's options. */
export function optionsForHost(address: string, tls?: TlsMaterial): DockerOptions {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new StowageError('INVALID_INPUT', `"${address}" is not a valid docker host address.`);
  }
  switch (url.protocol) {
    case 'unix:':
      return { socketPath: decodeURIComponent(url.pathname) };
    case 'npipe:':
      return { socketPath: `//${url.host}${url.pathname}`.replace(/\//g, '\\') };
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const secure = url.protocol === 'https:' || tls !== undefined;
      const port = url.port ? Number(url.port) : secure ? 2376 : 2375;
      return {
        host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port,
        protocol: secure ? 'https' : 'http',
        ...(tls ? { ca: tls.ca, cert: tls.cert, key: tls.key } : {}),
      };
    }
    case 'ssh:':
      return {
        protocol: 'ssh',
        host: url.hostname,
        port: url.port ? Number(url.port) : 22,
        username: url.username || undefined,
      };
    default:
      throw new StowageError(
        'INVALID_INPUT',
        `Unsupported docker host "${address}": use unix://, tcp://, npipe:// or ssh://.`,
      );
  }
}
