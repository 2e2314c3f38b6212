import { createHash } from 'node:crypto';
import { dockerHubAddress, StowageError } from '../../../shared';
import type { Login } from './credential-store';
import { parseWwwAuthenticate, type AuthChallenge } from './map';

export interface RegistryRequestOptions {
  method?: 'GET' | 'HEAD' | 'DELETE';
  accept?: string;
  /** What the answer may be at most; more is refused rather than read. */
  maxBytes?: number;
}

export interface RegistryAnswer {
  status: number;
  headers: Headers;
  body: Buffer;
}

export interface RegistryClientOptions {
  registry: string;
  login: Login | undefined;
  signal: AbortSignal;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const defaultMaxBytes = 4 * 1024 * 1024;

/**
 * The base URL of a registry's API: plain http for loopback (as docker treats it, insecure
 * and local), https otherwise; Docker Hub's API lives at registry-1.docker.io.
 */
export function registryBaseUrl(registry: string): string {
  if (registry === dockerHubAddress) return 'https://registry-1.docker.io';
  const host = registry.replace(/:\d+$/, '');
  const local = host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host);
  return `${local ? 'http' : 'https'}://${registry}`;
}

/**
 * Talks to one registry over the Registry HTTP API v2, answering its 401 challenges: Basic
 * with the login, or Bearer with a token fetched from the realm it names (with the login when
 * there is one, anonymously otherwise). Tokens are kept per scope for this client's life.
 */
export class RegistryClient {
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly tokens = new Map<string, string>();
  /** Set once the registry asked for Basic: later requests send it at once. */
  private basic: string | undefined;

  constructor(private readonly options: RegistryClientOptions) {
    this.base = registryBaseUrl(options.registry);
    this.fetch = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** Whether requests go with a login (else anonymously). */
  get signedIn(): boolean {
    return this.options.login !== undefined;
  }

  /** One request to `path` (`/v2/...`); every status is answered, none thrown on but 401. */
  async request(path: string, options: RegistryRequestOptions = {}): Promise<RegistryAnswer> {
    const scope = scopeOf(path, options.method ?? 'GET');
    const known = this.tokens.get(scope);
    let answer = await this.send(path, options, this.basic ?? (known && `Bearer ${known}`));
    if (answer.status !== 401) return answer;
    const authorization = await this.answerChallenge(answer.headers, scope);
    answer = await this.send(path, options, authorization);
    if (answer.status === 401) throw this.refused();
    return answer;
  }

  private async answerChallenge(headers: Headers, scope: string): Promise<string> {
    const challenges = parseWwwAuthenticate(headers.get('www-authenticate') ?? '');
    const bearer = challenges.find((challenge) => challenge.scheme === 'bearer');
    if (bearer) {
      const token = await this.fetchToken(bearer, scope);
      this.tokens.set(scope, token);
      return `Bearer ${token}`;
    }
    const login = this.options.login;
    if (challenges.some((challenge) => challenge.scheme === 'basic') && login) {
      this.basic = `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}`;
      return this.basic;
    }
    throw this.refused();
  }

  private async fetchToken(challenge: AuthChallenge, scope: string): Promise<string> {
    const realm = challenge.params.realm;
    if (!realm || !/^https?:\/\//.test(realm)) {
      throw new StowageError(
        'UNAUTHORIZED',
        `${this.options.registry} asked for a token without saying where to get one.`,
      );
    }
    const url = new URL(realm);
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
    const wanted = challenge.params.scope ?? scope;
    if (wanted) url.searchParams.set('scope', wanted);
    const login = this.options.login;
    const headers: Record<string, string> = login
      ? {
          authorization: `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}`,
        }
      : {};
    const answer = await this.exchange(url.toString(), { method: 'GET', headers }, 64 * 1024);
    if (answer.status === 401 || answer.status === 403) throw this.refused();
    if (answer.status !== 200) {
      throw new StowageError(
        'UNREACHABLE',
        `The token service of ${this.options.registry} answered HTTP ${answer.status}.`,
      );
    }
    const body = JSON.parse(answer.body.toString('utf8')) as {
      token?: unknown;
      access_token?: unknown;
    };
    const token = typeof body.token === 'string' ? body.token : body.access_token;
    if (typeof token !== 'string' || token === '') {
      throw new StowageError(
        'UNAUTHORIZED',
        `The token service of ${this.options.registry} gave no token.`,
      );
    }
    return token;
  }

  private send(
    path: string,
    options: RegistryRequestOptions,
    authorization: string | undefined,
  ): Promise<RegistryAnswer> {
    const headers: Record<string, string> = {};
    if (options.accept) headers.accept = options.accept;
    if (authorization) headers.authorization = authorization;
    return this.exchange(
      `${this.base}${path}`,
      { method: options.method ?? 'GET', headers },
      options.maxBytes ?? defaultMaxBytes,
    );
  }

  private async exchange(
    url: string,
    init: { method: string; headers: Record<string, string> },
    maxBytes: number,
  ): Promise<RegistryAnswer> {
    const { registry, signal } = this.options;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      response = await this.fetch(url, { ...init, signal: AbortSignal.any([signal, timeout]) });
      const body = await readCapped(response, maxBytes, registry);
      return { status: response.status, headers: response.headers, body };
    } catch (error) {
      if (error instanceof StowageError) throw error;
      if (signal.aborted)
        throw new StowageError('CANCELLED', `The request to ${registry} was cancelled.`);
      if (timeout.aborted) {
        throw new StowageError(
          'UNREACHABLE',
          `${registry} did not answer within ${Math.round(this.timeoutMs / 1000)} s.`,
        );
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new StowageError(
        'UNREACHABLE',
        `Could not reach the registry ${registry} (${cause?.code ?? cause?.message ?? (error as Error).message}).`,
      );
    }
  }

  private refused(): StowageError {
    return new StowageError(
      'UNAUTHORIZED',
      this.options.login
        ? `${this.options.registry} refused the user name or password.`
        : `${this.options.registry} needs you to sign in.`,
    );
  }
}

/** The token scope a request needs, for registries that hand out Bearer tokens. */
function scopeOf(path: string, method: string): string {
  if (path.startsWith('/v2/_catalog')) return 'registry:catalog:*';
  const name = /^\/v2\/(.+)\/(?:manifests|tags|blobs)\//.exec(path)?.[1];
  if (!name) return '';
  return `repository:${name}:${method === 'DELETE' ? 'delete' : 'pull'}`;
}

async function readCapped(response: Response, maxBytes: number, registry: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes || !response.body) {
    await response.body?.cancel();
    if (declared > maxBytes) throw tooLarge(registry, maxBytes);
    return Buffer.alloc(0);
  }
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of response.body) {
    length += (chunk as Uint8Array).byteLength;
    if (length > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw tooLarge(registry, maxBytes);
    }
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks);
}

function tooLarge(registry: string, maxBytes: number): StowageError {
  return new StowageError(
    'LIMIT_EXCEEDED',
    `${registry} answered with more than ${Math.round(maxBytes / 1024)} KiB; Stowage reads no more.`,
  );
}

/** The digest the registry gave, or the sha256 of the bytes when it gave none. */
export function digestOf(answer: RegistryAnswer): string {
  return (
    answer.headers.get('docker-content-digest') ??
    `sha256:${createHash('sha256').update(answer.body).digest('hex')}`
  );
}

export function jsonOf(answer: RegistryAnswer): unknown {
  try {
    return JSON.parse(answer.body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
