import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LocalRegistry {
  /** `127.0.0.1:PORT`: push and pull `${address}/name:tag` (loopback needs no TLS). */
  address: string;
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

/** Runs a throw-away Distribution registry (`docker-registry serve`) on loopback. */
export async function startRegistry(
  options: { readyTimeoutMs?: number } = {},
): Promise<LocalRegistry> {
  const workDir = await mkdtemp(join(tmpdir(), 'stowage-test-registry-'));
  const port = await freeLoopbackPort();
  const address = `127.0.0.1:${port}`;
  const configPath = join(workDir, 'config.yml');
  await writeFile(
    configPath,
    [
      'version: 0.1',
      'log: { level: warn }',
      `storage: { filesystem: { rootdirectory: ${join(workDir, 'data')} }, delete: { enabled: true } }`,
      `http: { addr: ${address} }`,
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
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`docker-registry did not answer GET /v2/ on ${address}:\n${output}`);
    }
    await sleep(100);
  }

  return { address, stop };
}
