import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { tokenSubprotocol, webSocketProtocol } from '../../src/shared';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  port: number;
  token: string;
  /** Whether the process is still running: the point of every fuzz batch. */
  alive(): boolean;
  /** Resident memory of the server process, from /proc. */
  rssBytes(): number;
  /** A WebSocket to the server with the right token and origin, not yet greeted. */
  socket(): WebSocket;
  stop(): Promise<void>;
}

/** Runs the real `stowage web` command, as a user would, for the fuzz suites to attack. */
export async function startServerProcess(): Promise<ServerProcess> {
  if (!existsSync(join(repoRoot, 'out', 'main', 'cli.js'))) {
    throw new Error('The CLI is not built: run `npm run build` before the integration tests.');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'stowage-fuzz-'));
  const token = randomBytes(32).toString('hex');
  // A home of its own: fuzzed sign-ins and sign-outs must never touch the user's docker config.
  const home = join(dataDir, 'home');
  mkdirSync(home);
  const env = { ...process.env };
  delete env.DOCKER_CONFIG;
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin', 'stowage.js'), 'web', '--port', '0', '--data-dir', dataDir],
    {
      env: { ...env, HOME: home, STOWAGE_TOKEN: token, STOWAGE_ECS_RUNTIME: 'simulated' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Stowage is running at http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', () => reject(new Error(`stowage web exited: ${output}`)));
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    port,
    token,
    alive,
    rssBytes() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    socket: () =>
      new WebSocket(`ws://127.0.0.1:${port}/api/ws`, [webSocketProtocol, tokenSubprotocol(token)], {
        headers: { origin: `http://127.0.0.1:${port}` },
      }),
    async stop() {
      if (alive()) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
      if (output.includes('\n    at '))
        throw new Error(`stowage web printed a stack trace:\n${output}`);
    },
  };
}
