/** What the engine takes as `X-Registry-Auth` for a pull or push. */
export interface RegistryAuth {
  username: string;
  password: string;
  serveraddress: string;
}

const dockerHub = 'https://index.docker.io/v1/';

/** The registry an image reference names: Docker Hub unless its first part is a host. */
export function registryOf(reference: string): string {
  const [first, ...rest] = reference.split('/');
  const isHost = rest.length > 0 && first !== undefined && /[.:]|^localhost$/.test(first);
  return isHost ? (first as string) : dockerHub;
}

function normalise(registry: string): string {
  const host = registry.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return host === 'docker.io' || host === 'index.docker.io' || host === 'registry-1.docker.io'
    ? 'docker.io'
    : host;
}

/** The parts of the docker CLI's config.json that say where logins are. */
export interface DockerConfig {
  auths?: Record<string, { auth?: unknown } | undefined>;
  credsStore?: unknown;
  credHelpers?: Record<string, unknown>;
  [other: string]: unknown;
}

/** Parses config.json; an absent or empty file is an empty config, a broken one throws. */
export function parseDockerConfig(text: string | undefined): DockerConfig {
  if (text === undefined || text.trim() === '') return {};
  const parsed = JSON.parse(text) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SyntaxError('config.json does not hold a JSON object');
  }
  return parsed as DockerConfig;
}

/** The key `docker login` files a registry under: Docker Hub keeps the v1 index URL. */
export function configKeyFor(registry: string): string {
  return normalise(registry) === 'docker.io' ? dockerHub : registry;
}

/** The key of the registry in a map keyed as config.json keys it, if it is there. */
export function matchingKey(
  entries: Record<string, unknown> | undefined,
  registry: string,
): string | undefined {
  return Object.keys(entries ?? {}).find((key) => normalise(key) === normalise(registry));
}

const helperName = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Where the docker CLI keeps the login of a registry: its own credential helper
 * (`credHelpers`), else the credential store (`credsStore`), else config.json itself.
 */
export function credentialStoreOf(
  config: DockerConfig,
  registry: string,
): { kind: 'file' } | { kind: 'helper'; name: string } {
  const own = config.credHelpers?.[matchingKey(config.credHelpers, registry) ?? ''];
  const name = typeof own === 'string' && own !== '' ? own : config.credsStore;
  if (typeof name === 'string' && helperName.test(name)) return { kind: 'helper', name };
  return { kind: 'file' };
}

/** The login config.json itself holds for a registry (`auths[…].auth`). */
export function fileLoginOf(
  config: DockerConfig,
  registry: string,
): { username: string; password: string } | undefined {
  const encoded = config.auths?.[matchingKey(config.auths, registry) ?? '']?.auth;
  if (typeof encoded !== 'string') return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * config.json's text after a login: `auths[registry]` holds the base64 `user:password` as
 * `docker login` writes it without a helper, or `{}` when a helper keeps the secret (so the
 * registry is still listed). Every other key stays as it was.
 */
export function configWithLogin(
  config: DockerConfig,
  registry: string,
  login: { username: string; password: string } | 'in-helper',
): string {
  const auths = { ...(config.auths ?? {}) };
  const key = matchingKey(auths, registry) ?? configKeyFor(registry);
  auths[key] =
    login === 'in-helper'
      ? {}
      : {
          ...(auths[key] ?? {}),
          auth: Buffer.from(`${login.username}:${login.password}`, 'utf8').toString('base64'),
        };
  return serialise({ ...config, auths });
}

/** config.json's text after a logout: the registry's entry in `auths` is gone. */
export function configWithoutLogin(config: DockerConfig, registry: string): string {
  const auths = { ...(config.auths ?? {}) };
  const key = matchingKey(auths, registry);
  if (key !== undefined) delete auths[key];
  return serialise({ ...config, auths });
}

function serialise(config: DockerConfig): string {
  // As the docker CLI writes it: tab-indented.
  return `${JSON.stringify(config, null, '\t')}\n`;
}
