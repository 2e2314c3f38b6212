import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface EndpointProcess {
  url: string;
  port: number;
  dataDir: string;
  /** Whether the process still runs: the point of every fuzz batch. */
  alive(): boolean;
  /** Everything it printed, both streams. */
  output(): string;
  /** SIGTERM (or the signal given), then the exit code (null if a signal ended it). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs the built `stowage ecs` command, as a user would. */
export async function startEndpointProcess(
  args: string[] = [],
  dataDir = mkdtempSync(join(tmpdir(), 'stowage-ecs-')),
): Promise<EndpointProcess> {
  if (!existsSync(join(repoRoot, 'out', 'main', 'cli.js'))) {
    throw new Error('The CLI is not built: run `npm run build` before the integration tests.');
  }
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin', 'stowage.js'), 'ecs', '--port', '0', '--data-dir', dataDir, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Stowage ECS endpoint listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', () => reject(new Error(`stowage ecs exited: ${output}`)));
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    alive,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      const exited = new Promise<number | null>((resolve) => {
        if (!alive()) resolve(child.exitCode);
        else child.once('exit', (code) => resolve(code));
      });
      if (alive()) child.kill(signal);
      return exited;
    },
  };
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
