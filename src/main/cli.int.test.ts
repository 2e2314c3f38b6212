import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repoRoot, 'bin', 'stowage.js');

function stowage(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20_000 });
}

describe('the stowage command', () => {
  let dataDir: string;

  beforeAll(() => {
    if (!existsSync(join(repoRoot, 'out', 'main', 'cli.js'))) {
      throw new Error('The CLI is not built: run `npm run build` before the integration tests.');
    }
    dataDir = mkdtempSync(join(tmpdir(), 'stowage-cli-'));
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints help for itself and for each command', () => {
    const main = stowage('--help');
    expect(main.status).toBe(0);
    expect(main.stdout).toMatch(/Usage: stowage <command>/);
    const web = stowage('web', '--help');
    expect(web.status).toBe(0);
    expect(web.stdout).toMatch(/--port <n>/);
  });

  it.each([
    [['web', '--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['web', '--port', '-1'], /--port/],
    [['web', '--colour'], /Unknown option '--colour'/],
    [['launch'], /Unknown command "launch"/],
  ])('refuses %j with exit code 2 and a one-line reason', (args, message) => {
    const run = stowage(...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('serves browser mode at the URL it prints and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, 'web', '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, STOWAGE_TOKEN: 'cli-test-token' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 15_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Stowage is running at (\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=cli-test-token$/);
    expect((await fetch(url)).status).not.toBe(401);
    expect((await fetch(url.replace(/\?token=.*/, ''))).status).toBe(401);

    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
