import { describe, expect, it, vi } from 'vitest';
import type { FileChange } from '../../../../shared';
import { toPathStat, withSizes } from './change-sizes';

/** A stat header as the engine writes it: base64 of its JSON, mode in Go's FileMode bits. */
const header = (stat: { name: string; size: number; mode: number; linkTarget?: string }) =>
  btoa(JSON.stringify({ mtime: '2026-12-01T22:00:00Z', linkTarget: '', ...stat }));

describe('the engine’s stat of a path', () => {
  it('reads a file’s size and mode', () => {
    expect(toPathStat(header({ name: 'made-here', size: 12345, mode: 0o644 }))).toEqual({
      type: 'file',
      size: 12345,
      mode: 0o644,
    });
  });

  it('tells directories, symlinks and devices apart by the Go mode bits, sticky and setuid kept', () => {
    expect(
      toPathStat(header({ name: 'tmp', size: 4096, mode: 2 ** 31 + 2 ** 20 + 0o777 })),
    ).toEqual({ type: 'dir', size: 0, mode: 0o1777 });
    expect(
      toPathStat(
        header({ name: 'sh', size: 12, mode: 2 ** 27 + 0o777, linkTarget: '/bin/busybox' }),
      ),
    ).toEqual({ type: 'symlink', size: 0, mode: 0o777, linkTarget: '/bin/busybox' });
    expect(
      toPathStat(header({ name: 'null', size: 0, mode: 2 ** 26 + 2 ** 21 + 0o666 })),
    ).toMatchObject({ type: 'char' });
    expect(toPathStat(header({ name: 'su', size: 40, mode: 2 ** 23 + 0o755 }))).toMatchObject({
      type: 'file',
      mode: 0o4755,
    });
  });

  it('gives nothing for a header that is not a stat', () => {
    expect(toPathStat('not base64!')).toBeUndefined();
    expect(toPathStat(btoa('{"name": 3}'))).toBeUndefined();
    expect(toPathStat(btoa('[]'))).toBeUndefined();
  });
});

describe('changes with sizes', () => {
  const changes: FileChange[] = [
    { path: '/tmp', kind: 'modified' },
    { path: '/tmp/a', kind: 'added' },
    { path: '/etc/motd', kind: 'removed' },
    { path: '/tmp/gone', kind: 'added' },
  ];
  const stats: Record<string, string> = {
    '/tmp': header({ name: 'tmp', size: 4096, mode: 2 ** 31 + 0o755 }),
    '/tmp/a': header({ name: 'a', size: 7, mode: 0o600 }),
  };

  it('states the paths still there, never the removed ones, and keeps the order', async () => {
    const stat = vi.fn(async (path: string) => stats[path]);
    expect(await withSizes(changes, stat)).toEqual([
      { path: '/tmp', kind: 'modified', type: 'dir', size: 0, mode: 0o755 },
      { path: '/tmp/a', kind: 'added', type: 'file', size: 7, mode: 0o600 },
      { path: '/etc/motd', kind: 'removed' },
      { path: '/tmp/gone', kind: 'added' },
    ]);
    expect(stat.mock.calls.map(([path]) => path).sort()).toEqual(['/tmp', '/tmp/a', '/tmp/gone']);
  });

  it('states only the first paths up to its limit, a few at a time', async () => {
    const many: FileChange[] = Array.from({ length: 50 }, (_, index) => ({
      path: `/f${index}`,
      kind: 'added',
    }));
    let running = 0;
    let most = 0;
    const stat = async (path: string) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
      return header({ name: path, size: 1, mode: 0o644 });
    };
    const sized = await withSizes(many, stat, 20);
    expect(sized.filter((change) => change.size !== undefined)).toHaveLength(20);
    expect(sized[19]?.size).toBe(1);
    expect(sized[20]?.size).toBeUndefined();
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(8);
  });
});
