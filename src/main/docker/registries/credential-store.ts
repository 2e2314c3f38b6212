import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { registryAddressOf, StowageError } from '../../../shared';
import {
  configKeyFor,
  configWithLogin,
  configWithoutLogin,
  credentialStoreOf,
  fileLoginOf,
  matchingKey,
  parseDockerConfig,
  registryOf,
  type DockerConfig,
  type RegistryAuth,
} from './credentials';

export interface Login {
  username: string;
  password: string;
}

export interface CredentialStoreOptions {
  /** The docker CLI's config folder (`DOCKER_CONFIG`, else `~/.docker`). */
  configDir: string;
  /** The environment credential helpers run with (their PATH finds them). */
  env: NodeJS.ProcessEnv;
  helperTimeoutMs?: number;
}

/** Logins kept where the docker CLI keeps them: a credential helper or config.json. */
export interface CredentialStore {
  readConfig(): Promise<DockerConfig>;
  /** The login for a registry, or undefined when nobody is signed in. */
  get(registry: string, signal: AbortSignal): Promise<Login | undefined>;
  /** Registries the credential store (`credsStore`) holds logins for, with their users. */
  listInStore(config: DockerConfig, signal: AbortSignal): Promise<Map<string, string>>;
  store(registry: string, login: Login, signal: AbortSignal): Promise<void>;
  erase(registry: string, signal: AbortSignal): Promise<void>;
  /** `config.json` or `docker-credential-<name>`: where a registry's login goes. */
  storeName(config: DockerConfig, registry: string): string;
}

export function credentialStore(options: CredentialStoreOptions): CredentialStore {
  const configPath = join(options.configDir, 'config.json');
  const helper = (name: string, action: HelperAction, input: string, signal: AbortSignal) =>
    runCredentialHelper(name, action, input, {
      env: options.env,
      signal,
      timeoutMs: options.helperTimeoutMs ?? 10_000,
    });

  const readConfig = async (): Promise<DockerConfig> => {
    let text: string | undefined;
    try {
      text = await readFile(configPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    try {
      return parseDockerConfig(text);
    } catch {
      throw new StowageError(
        'INVALID_INPUT',
        `${configPath} is not valid JSON; fix or remove it before signing in or out.`,
      );
    }
  };

  return {
    readConfig,
    storeName: (config, registry) => {
      const where = credentialStoreOf(config, registry);
      return where.kind === 'helper' ? `docker-credential-${where.name}` : 'config.json';
    },

    async get(registry, signal) {
      const config = await readConfig();
      const where = credentialStoreOf(config, registry);
      if (where.kind === 'file') return fileLoginOf(config, registry);
      const answer = await helper(where.name, 'get', serverUrl(config, registry), signal);
      if (answer === undefined) return undefined;
      const parsed = JSON.parse(answer) as { Username?: unknown; Secret?: unknown };
      if (typeof parsed.Username !== 'string' || typeof parsed.Secret !== 'string') {
        return undefined;
      }
      return { username: parsed.Username, password: parsed.Secret };
    },

    async listInStore(config, signal) {
      const name = config.credsStore;
      if (typeof name !== 'string' || credentialStoreOf({ credsStore: name }, 'x').kind === 'file')
        return new Map();
      const answer = await helper(name, 'list', '', signal);
      const entries = JSON.parse(answer ?? '{}') as Record<string, unknown>;
      return new Map(
        Object.entries(entries).flatMap(([url, user]) =>
          typeof user === 'string' ? [[url, user] as const] : [],
        ),
      );
    },

    async store(registry, login, signal) {
      const config = await readConfig();
      const where = credentialStoreOf(config, registry);
      if (where.kind === 'helper') {
        const payload = {
          ServerURL: serverUrl(config, registry),
          Username: login.username,
          Secret: login.password,
        };
        await helper(where.name, 'store', JSON.stringify(payload), signal);
        await writeAtomically(configPath, configWithLogin(config, registry, 'in-helper'));
        return;
      }
      await writeAtomically(configPath, configWithLogin(config, registry, login));
    },

    async erase(registry, signal) {
      const config = await readConfig();
      const where = credentialStoreOf(config, registry);
      if (where.kind === 'helper') {
        await helper(where.name, 'erase', serverUrl(config, registry), signal);
      }
      if (matchingKey(config.auths, registry) !== undefined) {
        await writeAtomically(configPath, configWithoutLogin(config, registry));
      }
    },
  };
}

/**
 * The `X-Registry-Auth` for pulling or pushing a reference, from wherever the docker CLI
 * keeps that registry's login (a credential helper included). Undefined when there is none or
 * it cannot be read: the engine then goes without, as `docker pull` would.
 */
export async function registryAuthFor(
  store: CredentialStore,
  reference: string,
  signal: AbortSignal,
): Promise<RegistryAuth | undefined> {
  const registry = registryAddressOf(registryOf(reference));
  if (!registry) return undefined;
  const login = await store.get(registry, signal).catch(() => undefined);
  if (!login) return undefined;
  const config = await store.readConfig().catch(() => ({}));
  return { ...login, serveraddress: serverUrl(config, registry) };
}

/** The server URL a helper keeps the login under: the config's own key when it has one. */
function serverUrl(config: DockerConfig, registry: string): string {
  return matchingKey(config.auths, registry) ?? configKeyFor(registry);
}

type HelperAction = 'get' | 'store' | 'erase' | 'list';

/**
 * Runs `docker-credential-<name> <action>` with `input` on stdin, as the docker CLI does, and
 * answers its stdout. A `get` of a login the helper does not have answers undefined.
 */
export async function runCredentialHelper(
  name: string,
  action: HelperAction,
  input: string,
  options: { env: NodeJS.ProcessEnv; signal: AbortSignal; timeoutMs: number },
): Promise<string | undefined> {
  const program = `docker-credential-${name}`;
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  const child = spawn(program, [action], { env: options.env, signal, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(0, 1e6)));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(0, 4e3)));
  child.stdin.on('error', () => undefined);
  child.stdin.end(input);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).catch((error: NodeJS.ErrnoException) => {
    if (options.signal.aborted) throw new StowageError('CANCELLED', `${program} was cancelled.`);
    if (error.code === 'ENOENT') {
      throw new StowageError(
        'NOT_FOUND',
        `The docker config names the credential helper ${program}, but it is not on the PATH.`,
      );
    }
    throw new StowageError('UNREACHABLE', `${program} ${action} failed: ${error.message}`);
  });
  if (code === 0) return stdout;
  const said = (stdout.trim() || stderr.trim()).slice(0, 500);
  if (action === 'get' && /credentials not found/i.test(said)) return undefined;
  throw new StowageError('INTERNAL', `${program} ${action} failed (exit ${code}): ${said}`);
}

/** Writes a file so readers see the old or the new text, never half: temp file, rename. */
export async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
