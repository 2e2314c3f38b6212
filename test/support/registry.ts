import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import bcrypt from 'bcryptjs';
import { startTokenServer, type TokenRequest } from './token-server';

export interface LocalRegistry {
  /** `127.0.0.1:PORT`: push and pull `${address}/name:tag` (loopback needs no TLS). */
  address: string;
  /** The one user of a registry started with `basicAuth` or `tokenAuth`. */
  login?: { username: string; password: string };
  /** With `tokenAuth`: what the token server was asked, one entry per request. */
  tokenRequests?: TokenRequest[];
  stop(): Promise<void>;
}

export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

export interface RegistryOptions {
  readyTimeoutMs?: number;
  /** Asks every client for this user's password (htpasswd, HTTP Basic). */
  basicAuth?: { username: string; password: string };
  /**
   * Docker Registry token auth: the registry sends clients to a token server on loopback
   * (see startTokenServer) that issues JWTs to this user. Needs openssl (opensslMissing).
   */
  tokenAuth?: { username: string; password: string };
  /** Whether manifests can be deleted; true unless said otherwise. */
  deleteEnabled?: boolean;
}

/** Runs a throw-away Distribution registry (`docker-registry serve`) on loopback. */
export async function startRegistry(options: RegistryOptions = {}): Promise<LocalRegistry> {
  const workDir = await mkdtemp(join(tmpdir(), 'stowage-test-registry-'));
  const port = await freeLoopbackPort();
  const address = `127.0.0.1:${port}`;
  const configPath = join(workDir, 'config.yml');
  const auth = options.basicAuth ?? options.tokenAuth;
  const tokens = options.tokenAuth
    ? await startTokenServer(workDir, options.tokenAuth).catch(async (error: unknown) => {
        await rm(workDir, { recursive: true, force: true });
        throw error;
      })
    : undefined;
  if (options.basicAuth) {
    const { username, password } = options.basicAuth;
    // The registry takes only bcrypt entries in its htpasswd file.
    const hash = bcrypt.hashSync(password, 8);
    await writeFile(join(workDir, 'htpasswd'), `${username}:${hash}\n`);
  }
  await writeFile(
    configPath,
    [
      'version: 0.1',
      'log: { level: warn }',
      `storage: { filesystem: { rootdirectory: ${join(workDir, 'data')} }, delete: { enabled: ${options.deleteEnabled ?? true} } }`,
      `http: { addr: ${address} }`,
      ...(options.basicAuth
        ? [`auth: { htpasswd: { realm: stowage-test, path: ${join(workDir, 'htpasswd')} } }`]
        : []),
      ...(tokens
        ? [
            'auth:',
            '  token:',
            `    realm: ${tokens.realm}`,
            `    service: ${tokens.service}`,
            `    issuer: ${tokens.issuer}`,
            `    rootcertbundle: ${tokens.certificatePath}`,
          ]
        : []),
      '',
    ].join('\n'),
  );

  const registry = spawn('docker-registry', ['serve', configPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  registry.stdout.on('data', collect);
  registry.stderr.on('data', collect);
  let exited = false;
  let spawnError: Error | undefined;
  const exit = new Promise<void>((resolve) => {
    registry.once('exit', () => {
      exited = true;
      resolve();
    });
    registry.once('error', (error) => {
      spawnError = error;
      exited = true;
      resolve();
    });
  });

  const stop = async (): Promise<void> => {
    if (!exited) {
      registry.kill('SIGTERM');
      const killTimer = setTimeout(() => registry.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(killTimer);
    }
    await tokens?.stop();
    await rm(workDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 15_000);
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(
        `docker-registry exited before answering${spawnError ? ` (${spawnError.message})` : ''}:\n${output}`,
      );
    }
    try {
      const response = await fetch(`http://${address}/v2/`, { signal: AbortSignal.timeout(1_000) });
      // With basic auth, a 401 asking for it is the sign it is up.
      if (response.ok || (auth && response.status === 401)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`docker-registry did not answer GET /v2/ on ${address}:\n${output}`);
    }
    await sleep(100);
  }

  return {
    address,
    ...(auth ? { login: auth } : {}),
    ...(tokens ? { tokenRequests: tokens.requests } : {}),
    stop,
  };
}
