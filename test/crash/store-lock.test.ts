import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { bundleForNode } from './bundle';

// The store's lock across processes: a killed holder never blocks a restart, even one that is
// PID 1 of a fresh namespace as a container's server is, and live holders exclude each other.

const dir = mkdtempSync(join(tmpdir(), 'stowage-store-lock-'));
const lockPath = join(dir, 'counters.lock');
let childScript: string;
const started: ChildProcess[] = [];

beforeAll(async () => {
  childScript = await bundleForNode('test/crash/lock-child.ts');
}, 60_000);
afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  /** The first line it printed: `ready <pid> <items>` or `locked <message>`. */
  firstLine: Promise<string>;
  exited: Promise<number | null>;
}

function start(command: string, args: string[]): Started {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  const firstLine = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf('\n');
      if (end !== -1) resolve(out.slice(0, end));
    });
    void exited.then((code) => reject(new Error(`exited ${code} before a line: ${stderr}`)));
  });
  return { child, firstLine, exited };
}

const startChild = (run: number) => start(process.execPath, [childScript, dir, String(run)]);

/** Resolves once nothing answers on the lock: the killed holder is gone. */
async function lockReleased(): Promise<void> {
  for (;;) {
    const answered = await new Promise<boolean>((resolve) => {
      const socket = connect(lockPath);
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (!answered) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const unshare = ['--pid', '--fork', '--mount-proc', '--kill-child'];
const namespaces = spawnSync('unshare', [...unshare, 'true'], { encoding: 'utf8' });
const noNamespaces =
  namespaces.error?.message ?? (namespaces.status === 0 ? undefined : namespaces.stderr.trim());
if (noNamespaces) {
  console.log(`store lock: PID-namespace restart test skipped: unshare fails (${noNamespaces})`);
}

it.skipIf(noNamespaces !== undefined)(
  'reopens after SIGKILL as PID 1 of a fresh PID namespace, every time',
  async () => {
    for (const run of [1, 2, 3]) {
      const holder = start('unshare', [...unshare, process.execPath, childScript, dir, `${run}`]);
      const line = await holder.firstLine;
      const items = Array.from({ length: run }, (_, index) => `run-${index + 1}`).join(',');
      // The same pid every time, as a container's server has.
      expect(line).toBe(`ready 1 ${items}`);
      holder.child.kill('SIGKILL');
      await holder.exited;
      await lockReleased();
    }
  },
  60_000,
);

it('lets one of two live processes have the store, and the other after the first is killed', async () => {
  const first = startChild(10);
  expect(await first.firstLine).toMatch(/^ready \d+ /);
  const second = startChild(11);
  expect(await second.firstLine).toMatch(/^locked The store "counters" in .* another process$/);
  expect(await second.exited).toBe(3);

  first.child.kill('SIGKILL');
  await first.exited;
  const third = startChild(12);
  expect(await third.firstLine).toMatch(/^ready \d+ .*run-10,run-12/);
}, 60_000);

it('takes over a lock path holding garbage', async () => {
  for (const garbage of ['not a pid\n', '', '\u0000\u00ff'.repeat(300)]) {
    rmSync(lockPath, { force: true });
    writeFileSync(lockPath, garbage);
    const child = start(process.execPath, [childScript, dir, 'garbage', 'close']);
    expect(await child.firstLine).toMatch(/^ready \d+ .*run-garbage/);
    expect(await child.exited).toBe(0);
  }
}, 60_000);
