import {
  registryAddressOf,
  StowageError,
  type ManifestDetail,
  type RegistrySummary,
} from '../../../shared';
import type { registriesContract } from '../../../shared/contract/registries';
import type { DomainHandlers } from '../../rpc/handlers';
import { digestOf, jsonOf, RegistryClient, type RegistryAnswer } from './api';
import { credentialStore, type CredentialStore } from './credential-store';
import { credentialStoreOf, fileLoginOf, type DockerConfig } from './credentials';
import { knownRegistries } from './known-registries';
import {
  manifestAccept,
  nextLastFromLink,
  tagsOf,
  toManifestDetail,
  toRepositoryPage,
} from './map';

export interface RegistryHandlerDeps {
  /** The docker CLI's config folder, where its logins are. */
  dockerConfigDir: string;
  /** Stowage's data folder: the registries added here are remembered there. */
  dataDir: string;
  /** The environment credential helpers run with. */
  env: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const maxTagPages = 10;
const tagPageSize = 1000;

export function registryHandlers(
  deps: RegistryHandlerDeps,
): DomainHandlers<typeof registriesContract> {
  const logins = credentialStore({ configDir: deps.dockerConfigDir, env: deps.env });
  const known = knownRegistries(deps.dataDir);
  const client = async (registry: string, signal: AbortSignal) =>
    new RegistryClient({
      registry,
      login: await logins.get(registry, signal).catch(() => undefined),
      signal,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
    });
  const summary = async (registry: string, signal: AbortSignal) =>
    (await summaries(logins, await known.list(), signal, [registry])).find(
      (entry) => entry.registry === registry,
    ) as RegistrySummary;

  return {
    'registries.list': async (_input, { signal }) => summaries(logins, await known.list(), signal),

    'registries.add': async ({ registry }, { signal }) => {
      await known.add(registry);
      return summary(registry, signal);
    },

    'registries.forget': async ({ registry }) => {
      await known.remove(registry);
      return {};
    },

    'registries.signIn': async ({ registry, username, password }, { signal }) => {
      const login = { username, password };
      const check = new RegistryClient({
        registry,
        login,
        signal,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
        ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
      });
      const answer = await check.request('/v2/', { maxBytes: 64 * 1024 });
      if (answer.status !== 200) {
        throw new StowageError(
          'UNREACHABLE',
          `${registry} answered GET /v2/ with HTTP ${answer.status}: is it a registry?`,
        );
      }
      await logins.store(registry, login, signal);
      return summary(registry, signal);
    },

    'registries.signOut': async ({ registry }, { signal }) => {
      await logins.erase(registry, signal);
      return summary(registry, signal);
    },

    'registries.repositories': async ({ registry, last, n }, { signal }) => {
      const query = new URLSearchParams({ n: String(n ?? 100) });
      if (last) query.set('last', last);
      const registryClient = await client(registry, signal);
      let answer: RegistryAnswer;
      try {
        answer = await registryClient.request(`/v2/_catalog?${query}`);
      } catch (error) {
        if (error instanceof StowageError && error.code === 'UNAUTHORIZED') {
          const who = registryClient.signedIn ? 'this user' : 'anyone who is not signed in';
          throw new StowageError(
            'UNAUTHORIZED',
            `${registry} does not let ${who} list its repositories. Sign in, or open a repository by name.`,
          );
        }
        throw error;
      }
      if (answer.status === 404 || answer.status === 403 || answer.status === 405) {
        throw new StowageError(
          'NOT_FOUND',
          `${registry} does not list its repositories (the catalog answered HTTP ${answer.status}). Open a repository by name instead.`,
        );
      }
      expectOk(answer, registry, 'the catalog');
      return toRepositoryPage(jsonOf(answer), answer.headers.get('link'));
    },

    'registries.tags': async ({ registry, repository }, { signal }) => {
      const registryClient = await client(registry, signal);
      const tags: string[] = [];
      let last: string | undefined;
      for (let page = 0; page < maxTagPages; page += 1) {
        const query = new URLSearchParams({ n: String(tagPageSize) });
        if (last) query.set('last', last);
        const answer = await registryClient.request(`/v2/${repository}/tags/list?${query}`);
        if (answer.status === 404) throw notFound(registry, repository);
        expectOk(answer, registry, `the tags of ${repository}`);
        tags.push(...tagsOf(jsonOf(answer)));
        last = nextLastFromLink(answer.headers.get('link'));
        if (!last) return { repository, tags, truncated: false };
      }
      return { repository, tags, truncated: true };
    },

    'registries.manifest': async ({ registry, repository, reference }, { signal }) => {
      const registryClient = await client(registry, signal);
      const answer = await registryClient.request(`/v2/${repository}/manifests/${reference}`, {
        accept: manifestAccept,
      });
      if (answer.status === 404) throw notFound(registry, `${repository}:${reference}`);
      expectOk(answer, registry, `the manifest of ${repository}:${reference}`);
      const raw = jsonOf(answer);
      const contentType = answer.headers.get('content-type') ?? '';
      const detail: ManifestDetail = toManifestDetail(raw, contentType, digestOf(answer));
      if (detail.kind !== 'image' || !detail.config.digest) return detail;
      const blob = await registryClient
        .request(`/v2/${repository}/blobs/${detail.config.digest}`, { maxBytes: 1024 * 1024 })
        .catch(() => undefined);
      if (blob?.status !== 200) return detail;
      return toManifestDetail(raw, contentType, detail.digest, jsonOf(blob));
    },

    'registries.deleteTag': async ({ registry, repository, tag }, { signal }) => {
      const registryClient = await client(registry, signal);
      const head = await registryClient.request(`/v2/${repository}/manifests/${tag}`, {
        method: 'HEAD',
        accept: manifestAccept,
      });
      if (head.status === 404) throw notFound(registry, `${repository}:${tag}`);
      expectOk(head, registry, `the manifest of ${repository}:${tag}`);
      const digest = head.headers.get('docker-content-digest');
      if (!digest) {
        throw new StowageError('INTERNAL', `${registry} did not say which manifest ${tag} is.`);
      }
      const answer = await registryClient.request(`/v2/${repository}/manifests/${digest}`, {
        method: 'DELETE',
      });
      if (answer.status === 405) {
        throw new StowageError(
          'CONFLICT',
          `${registry} does not allow deleting (a Distribution registry needs storage.delete.enabled).`,
        );
      }
      if (answer.status === 404) throw notFound(registry, `${repository}@${digest}`);
      if (answer.status !== 202 && answer.status !== 200) {
        expectOk(answer, registry, `the deletion of ${repository}:${tag}`);
      }
      return { digest };
    },
  };
}

/** Every registry the docker CLI or Stowage knows, with who is signed in to it. */
async function summaries(
  logins: CredentialStore,
  added: readonly string[],
  signal: AbortSignal,
  also: readonly string[] = [],
): Promise<RegistrySummary[]> {
  const config = await logins.readConfig();
  let inStore = new Map<string, string>();
  let storeProblem: string | undefined;
  try {
    inStore = await logins.listInStore(config, signal);
  } catch (error) {
    storeProblem = (error as Error).message;
  }
  const fromDocker = new Set(
    [
      ...Object.keys(config.auths ?? {}),
      ...Object.keys(config.credHelpers ?? {}),
      ...inStore.keys(),
    ].flatMap((key) => registryAddressOf(key) ?? []),
  );
  const storeUsers = new Map(
    [...inStore].flatMap(([url, user]) => {
      const address = registryAddressOf(url);
      return address ? [[address, user] as const] : [];
    }),
  );
  const all = [...new Set([...fromDocker, ...added, ...also])].sort();
  return Promise.all(
    all.map(async (registry) => {
      const base = {
        registry,
        credentialStore: logins.storeName(config, registry),
        fromDocker: fromDocker.has(registry),
        addedInStowage: added.includes(registry),
      };
      const login = await signedInUser(logins, config, registry, storeUsers, signal);
      if ('problem' in login) return { ...base, signedIn: false, problem: login.problem };
      if (storeProblem && isInCredsStore(config, registry)) {
        return { ...base, signedIn: false, problem: storeProblem };
      }
      return login.username === undefined
        ? { ...base, signedIn: false }
        : { ...base, signedIn: true, username: login.username };
    }),
  );
}

async function signedInUser(
  logins: CredentialStore,
  config: DockerConfig,
  registry: string,
  storeUsers: Map<string, string>,
  signal: AbortSignal,
): Promise<{ username?: string } | { problem: string }> {
  if (credentialStoreOf(config, registry).kind === 'file') {
    const login = fileLoginOf(config, registry);
    return login ? { username: login.username } : {};
  }
  if (isInCredsStore(config, registry)) {
    const username = storeUsers.get(registry);
    return username === undefined ? {} : { username };
  }
  try {
    const login = await logins.get(registry, signal);
    return login ? { username: login.username } : {};
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

/** True when the registry's login is in the general store rather than its own helper. */
function isInCredsStore(config: DockerConfig, registry: string): boolean {
  const ownHelper = credentialStoreOf({ credHelpers: config.credHelpers ?? {} }, registry);
  return ownHelper.kind === 'file' && credentialStoreOf(config, registry).kind === 'helper';
}

function expectOk(answer: RegistryAnswer, registry: string, what: string): void {
  if (answer.status >= 200 && answer.status < 300) return;
  if (answer.status === 403) {
    throw new StowageError('UNAUTHORIZED', `${registry} does not let you read ${what}.`);
  }
  throw new StowageError(
    answer.status >= 500 ? 'UNREACHABLE' : 'INTERNAL',
    `${registry} answered HTTP ${answer.status} for ${what}.`,
  );
}

function notFound(registry: string, what: string): StowageError {
  return new StowageError('NOT_FOUND', `${registry} has no ${what}.`);
}
