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

  /** Starts `stowage web` and resolves with its printed URL and what it wrote to stderr. */
  async function serve(env: Record<string, string>, ...args: string[]) {
    const child = spawn(
      process.execPath,
      [bin, 'web', '--port', '0', '--data-dir', dataDir, ...args],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`no URL printed: ${output}${stderr}`)),
        15_000,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Stowage is running at (\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    const stop = async () => {
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exit;
    };
    return { url, stderr: () => stderr, stop };
  }

  it('serves browser mode at the URL it prints and stops cleanly on SIGTERM', async () => {
    const token = 'cli-test-token-0123456789abcdef-xyz';
    const run = await serve({ STOWAGE_TOKEN: token });
    expect(run.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?ticket=[0-9a-f]{64}$/);
    const page = await fetch(run.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(run.stderr()).toBe('');
    expect(await run.stop()).toBe(0);
  });

  it('prints a ticket that trades once for a STOWAGE_TOKEN with characters that need encoding', async () => {
    const token = 'a token & more # with spaces / slashes 1234';
    const run = await serve({ STOWAGE_TOKEN: token });
    try {
      const printed = new URL(run.url);
      expect(run.url).not.toContain(encodeURIComponent(token));
      const exchange = () =>
        fetch(`${printed.origin}/api/session`, {
          method: 'POST',
          headers: { 'X-Stowage-Ticket': printed.searchParams.get('ticket') ?? '' },
        });
      expect(await (await exchange()).json()).toEqual({ token });
      expect((await exchange()).status).toBe(401);
    } finally {
      await run.stop();
    }
  });

  it('refuses a short STOWAGE_TOKEN with exit code 2', () => {
    const run = spawnSync(process.execPath, [bin, 'web', '--port', '0', '--data-dir', dataDir], {
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, STOWAGE_TOKEN: 'a' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/STOWAGE_TOKEN is 1 characters long; use at least 32/);
  });

  it('does not warn about another loopback address', async () => {
    const run = await serve({}, '--host', '127.0.0.2');
    try {
      expect(run.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/\?ticket=[0-9a-f]{64}$/);
      expect((await fetch(run.url)).status).toBe(200);
      expect(run.stderr()).toBe('');
    } finally {
      await run.stop();
    }
  });
});
