import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestImage, docker, type TestImage } from '../../../test/support/docker';
import type { LayerChangeLine, LayersReport } from '../layers/report';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const bin = join(repoRoot, 'bin', 'stowage.js');
const tag = 'stowage-test/wasteful:1.0';

function stowage(args: string[], input?: Buffer) {
  return spawnSync(process.execPath, [bin, 'layers', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
    ...(input ? { input } : {}),
  });
}

function json<T>(args: string[], input?: Buffer): T {
  const run = stowage([...args, '--json'], input);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as T;
}

const sh = (script: string) => `RUN ["/bin/sh","-c","${script}"]`;

describe('stowage layers', () => {
  let image: TestImage;
  let saved: string;
  let workDir: string;

  beforeAll(async () => {
    if (!existsSync(join(repoRoot, 'out', 'main', 'cli.js'))) {
      throw new Error('The CLI is not built: run `npm run build` before the integration tests.');
    }
    // Layers: 0 busybox, 1 its links, 2 files, 3 overwrite, 4 chmod, 5 delete,
    // 6 a directory, 7 that directory replaced by a file.
    image = await buildTestImage({
      tag,
      files: { '/data/keep.txt': 'keep', '/data/big.bin': 'b'.repeat(50_000) },
      extraDockerfileLines: [
        sh('echo changed > /data/keep.txt'),
        sh('chmod 600 /data/big.bin'),
        sh('rm /data/big.bin'),
        sh('mkdir -p /d/sub && echo y > /d/sub/y'),
        sh('rm -rf /d && echo file > /d'),
      ],
    });
    workDir = mkdtempSync(join(tmpdir(), 'stowage-layers-'));
    saved = join(workDir, 'wasteful.tar');
    await docker(['save', '--output', saved, tag]);
  });

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('reports each layer and the waste figures exactly', () => {
    const report = json<LayersReport>([tag]);
    expect(report.image).toMatchObject({ id: image.id, tags: [tag] });
    expect(report.layers.map(({ added, modified, removed }) => [added, modified, removed])).toEqual(
      [
        [2, 0, 0],
        [expect.any(Number), 0, 0],
        [3, 0, 0],
        [0, 1, 0],
        [0, 1, 0],
        [0, 0, 1],
        [3, 0, 0],
        [0, 1, 2],
      ],
    );
    expect(report.layers[3]?.createdBy).toBe('RUN echo changed > /data/keep.txt');
    const busybox = report.layers[0]?.tarBytes ?? 0;
    expect(report.layers.slice(1).map((layer) => layer.tarBytes)).toEqual([
      0, 50_004, 8, 50_000, 0, 2, 5,
    ]);
    // dive: keep.txt is in layers 2 and 3 (4 + 8 bytes), big.bin in 2, 4 and 5 (its whiteout).
    expect(report.inefficiencies).toEqual([
      { path: 'data/big.bin', count: 3, cumulativeBytes: 100_000 },
      { path: 'data/keep.txt', count: 2, cumulativeBytes: 12 },
    ]);
    expect(report.wastedBytes).toBe(100_012);
    expect(report.efficiency).toBeCloseTo((busybox + 4 + 0 + 2 + 5) / (busybox + 100_019), 10);
    expect(report.userWastedPercent).toBeCloseTo(100_012 / 100_019, 10);
    expect(report.reclaimableBytes).toBe(8 + 100_000);
    expect(report.image.size).toBe(busybox + 100_019);
  });

  it("lists one layer's changes: a chmod, a deletion, a directory replaced by a file", () => {
    const chmod = json<LayerChangeLine[]>([tag, '--layer', '4']);
    expect(chmod).toEqual([
      {
        path: 'data/big.bin',
        change: 'modified',
        type: 'file',
        size: 50_000,
        mode: 0o600,
        uid: 0,
        gid: 0,
      },
    ]);
    expect(json<LayerChangeLine[]>([tag, '--layer', '5'])).toEqual([
      expect.objectContaining({ path: 'data/big.bin', change: 'removed' }),
    ]);
    const replaced = json<LayerChangeLine[]>([tag, '--layer', '7']);
    expect(replaced.map(({ path, change, type }) => [path, change, type])).toEqual([
      ['d', 'modified', 'file'],
      ['d/sub', 'removed', 'dir'],
      ['d/sub/y', 'removed', 'file'],
    ]);
  });

  it('gives the same answer from a saved archive, from a file or standard input', () => {
    const fromEngine = stowage([tag, '--json']).stdout;
    expect(stowage(['--archive', saved, '--json']).stdout).toBe(fromEngine);
    expect(stowage(['--archive', '-', '--json'], readFileSync(saved)).stdout).toBe(fromEngine);
    expect(stowage(['--archive', saved, '--layer', '7', '--json']).stdout).toBe(
      stowage([tag, '--layer', '7', '--json']).stdout,
    );
  });

  it('exits 1 when a CI rule fails and 0 when every rule that is on passes', () => {
    const failing = stowage([tag, '--ci']);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toMatch(/PASS {2}lowest-efficiency/);
    expect(failing.stdout).toMatch(/FAIL {2}highest-user-wasted-percent/);
    expect(stowage([tag, '--ci', '--highest-user-wasted-percent', 'off']).status).toBe(0);
    expect(
      stowage([
        tag,
        '--ci',
        '--highest-user-wasted-percent',
        'off',
        '--highest-wasted-bytes',
        '100kB',
      ]).status,
    ).toBe(1);
  });

  it.each([
    [['stowage-test/absent:1'], /No such image: stowage-test\/absent:1/],
    [['Not A Reference'], /is not an image reference/],
    [[tag, '--layer', '8'], /--layer must be from 0 to 7/],
    [[tag, '--layer', 'x'], /--layer must be a layer number/],
    [[tag, '--ci', '--lowest-efficiency', '2'], /ratio from 0 to 1/],
    [['--archive', '/nonexistent/image.tar'], /no such file/],
    [['--archive', bin], /truncated or corrupt, or is not a tar file/],
    [[], /Name an image/],
  ])('exits 2 with a one-line reason for %j', (args, message) => {
    const run = stowage(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
