// Browser mode for the UI benchmarks: the built `stowage web` on a data dir of its own.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const stowageBin = join(repoRoot, 'bin', 'stowage.js');

/** Starts `stowage web`, resolving with its URL, its token (for the contract socket) and a way to stop it. */
export async function startWeb() {
  const token = randomBytes(24).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'stowage-bench-web-'));
  // E.g. BENCH_NODE_ARGS=--cpu-prof to profile the app (the profile is written on exit).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const args = [...nodeArgs, stowageBin, 'web', '--port', '0', '--data-dir', dataDir];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, STOWAGE_TOKEN: token, STOWAGE_ECS_RUNTIME: 'simulated' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    // Generous: on a loaded machine the app takes a while to start.
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error('stowage web printed no URL within 120 s'));
    }, 120_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      // The printed URL carries a one-time ticket (the page exchanges it for the session).
      const match = /Stowage is running at (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', () => reject(new Error('stowage web exited before printing its URL')));
  });
  return {
    url,
    token,
    stop() {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
