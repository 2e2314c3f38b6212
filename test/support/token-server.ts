import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** One request to the token server: who asked, for what, and whether it was given. */
export interface TokenRequest {
  method: string;
  /** The user name of the Basic login, when there was one. */
  account?: string;
  scopes: string[];
  /** False when the login was refused (an anonymous request gets a token with no access). */
  granted: boolean;
}

export interface TokenServer {
  /** Where the registry sends clients for a token. */
  realm: string;
  service: string;
  issuer: string;
  /** The certificate of the signing key, for the registry's `rootcertbundle`. */
  certificatePath: string;
  requests: TokenRequest[];
  stop(): Promise<void>;
}

/** Why a token registry cannot run here (no openssl to make its certificate), if it cannot. */
export async function opensslMissing(): Promise<string | undefined> {
  try {
    await execFileAsync('openssl', ['version'], { timeout: 10_000 });
    return undefined;
  } catch (error) {
    return `openssl is not available (${(error as Error).message.split('\n')[0]}), so no certificate can be made for the token server`;
  }
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** A token the registry accepts: RS256 over its claims, with the signing certificate in x5c. */
function signedToken(
  key: KeyObject,
  certificate: string,
  claims: { issuer: string; service: string; subject: string; access: TokenAccess[] },
): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [certificate] }));
  const payload = base64url(
    JSON.stringify({
      iss: claims.issuer,
      sub: claims.subject,
      aud: claims.service,
      iat: now,
      nbf: now - 10,
      exp: now + 300,
      jti: randomUUID(),
      access: claims.access,
    }),
  );
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key);
  return `${header}.${payload}.${base64url(signature)}`;
}

interface TokenAccess {
  type: string;
  name: string;
  actions: string[];
}

/** `repository:team/app:pull,push` → its type, name and actions (names may hold colons). */
function accessOf(scope: string): TokenAccess | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last <= first) return undefined;
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope
      .slice(last + 1)
      .split(',')
      .filter(Boolean),
  };
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('token request too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A Docker Registry token server on loopback for one user: GET with a Basic login (what the
 * engine and Stowage send) or POST with an OAuth2 password grant. The user gets every action
 * asked for; a wrong login gets 401; no login gets a token granting nothing, as public token
 * services do. The RSA key is made here and its certificate by `openssl req -x509`.
 */
export async function startTokenServer(
  workDir: string,
  login: { username: string; password: string },
): Promise<TokenServer> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPath = join(workDir, 'token.key');
  const certificatePath = join(workDir, 'token.crt');
  await writeFile(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  await execFileAsync(
    'openssl',
    [
      'req',
      '-x509',
      '-new',
      '-key',
      keyPath,
      '-out',
      certificatePath,
      '-days',
      '1',
      '-subj',
      '/CN=stowage-test-token-issuer',
    ],
    { timeout: 30_000 },
  );
  const certificate = (await readFile(certificatePath, 'utf8'))
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    .replace(/\s+/g, '');
  const service = 'stowage-test-registry';
  const issuer = 'stowage-test-token-issuer';
  const requests: TokenRequest[] = [];

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      let account: string | undefined;
      let password: string | undefined;
      let scopes = url.searchParams.getAll('scope');
      const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (basic) {
        const decoded = Buffer.from(basic, 'base64').toString('utf8');
        account = decoded.slice(0, decoded.indexOf(':'));
        password = decoded.slice(decoded.indexOf(':') + 1);
      }
      if (request.method === 'POST') {
        const form = new URLSearchParams(await bodyOf(request));
        account = form.get('username') ?? account;
        password = form.get('password') ?? password;
        scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
      }
      const anonymous = account === undefined;
      const granted = anonymous || (account === login.username && password === login.password);
      requests.push({
        method: request.method ?? 'GET',
        ...(account !== undefined ? { account } : {}),
        scopes,
        granted,
      });
      if (!granted) {
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ details: 'incorrect username or password' }));
        return;
      }
      const access = anonymous
        ? []
        : scopes.flatMap((scope) => {
            const parsed = accessOf(scope);
            return parsed ? [parsed] : [];
          });
      const token = signedToken(privateKey, certificate, {
        issuer,
        service,
        subject: account ?? '',
        access,
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          token,
          access_token: token,
          expires_in: 300,
          issued_at: new Date().toISOString(),
        }),
      );
    })().catch((error: unknown) => {
      response.writeHead(400);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return {
    realm: `http://127.0.0.1:${address.port}/token`,
    service,
    issuer,
    certificatePath,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
