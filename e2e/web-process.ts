import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from './fixtures';

export interface WebProcess {
  /** The URL it printed, with its one-time ticket. */
  printedUrl: string;
  origin: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * A `stowage web` of a test's own, with no engine behind it and a random token it never
 * tells: for tests that must spend the printed URL themselves.
 */
export async function startWebProcess(): Promise<WebProcess> {
  const workDir = await mkdtemp(join(tmpdir(), 'stowage-e2e-web-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: workDir,
    DOCKER_HOST: `unix://${join(workDir, 'no-engine.sock')}`,
    STOWAGE_ECS_RUNTIME: 'simulated',
  };
  for (const name of ['STOWAGE_TOKEN', 'DOCKER_CONTEXT']) delete env[name];
  const child = spawn(
    process.execPath,
    ['bin/stowage.js', 'web', '--port', '0', '--data-dir', join(workDir, 'data')],
    { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    const printedUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('stowage web printed no URL')), 30_000);
      child.once('exit', (code) => reject(new Error(`stowage web exited (${code})`)));
      createInterface({ input: child.stdout }).on('line', (line) => {
        const match = /Stowage is running at (\S+)/.exec(line);
        if (!match) return;
        clearTimeout(timer);
        resolve(match[1] as string);
      });
    });
    const url = new URL(printedUrl);
    return { printedUrl, origin: url.origin, port: Number(url.port), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
