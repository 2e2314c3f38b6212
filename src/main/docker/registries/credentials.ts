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

/**
 * The credentials the docker CLI stored for a registry in `config.json` (`auths`, as
 * `docker login` writes them without a credential helper). Undefined when there are none or
 * the file cannot be read: the pull then goes without, as `docker pull` would.
 */
export function credentialsFor(
  reference: string,
  configText: string | undefined,
): RegistryAuth | undefined {
  if (!configText) return undefined;
  let config: { auths?: Record<string, { auth?: unknown }> };
  try {
    config = JSON.parse(configText) as typeof config;
  } catch {
    return undefined;
  }
  const registry = registryOf(reference);
  const entries = Object.entries(config.auths ?? {});
  const match = entries.find(([key]) => normalise(key) === normalise(registry));
  const encoded = match?.[1]?.auth;
  if (typeof encoded !== 'string') return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    username: decoded.slice(0, colon),
    password: decoded.slice(colon + 1),
    serveraddress: match?.[0] ?? registry,
  };
}

function normalise(registry: string): string {
  const host = registry.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return host === 'docker.io' || host === 'index.docker.io' || host === 'registry-1.docker.io'
    ? 'docker.io'
    : host;
}
