import { describe, expect, it } from 'vitest';
import { classifyWhiteout, cleanLayerPath } from './paths';

describe('layer paths', () => {
  it.each([
    ['./etc/passwd', 'etc/passwd'],
    ['/usr//bin/', 'usr/bin'],
    ['a/./b/../c', 'a/c'],
    ['bin', 'bin'],
    ['usr/bin/', 'usr/bin'],
    ['.hidden/..dots/...', '.hidden/..dots/...'],
    ['a/.', 'a'],
    ['./', undefined],
    ['a/..', undefined],
    ['..a/b', '..a/b'],
  ])('cleans %s to %s', (name, path) => expect(cleanLayerPath(name)).toBe(path));

  it('gives what the part-by-part reading gives for any name, clean or not', () => {
    const parts = ['', '.', '..', 'a', '.a', '..a', 'a.', '...'];
    const byParts = (name: string) => {
      const kept: string[] = [];
      for (const part of name.split('/')) {
        if (part === '' || part === '.') continue;
        if (part !== '..') kept.push(part);
        else if (kept.pop() === undefined) return undefined;
      }
      return kept.length === 0 ? undefined : kept.join('/');
    };
    for (const first of parts)
      for (const second of parts)
        for (const third of parts) {
          const name = [first, second, third].join('/');
          expect(cleanLayerPath(name), name).toBe(byParts(name));
        }
  });

  it.each(['../../etc/passwd', 'a/../../b', './', '/', '.', ''])('refuses %j', (name) =>
    expect(cleanLayerPath(name)).toBeUndefined(),
  );

  it('reads whiteouts by the OCI rules', () => {
    expect(classifyWhiteout('opt/app/.wh..wh..opq')).toEqual({
      kind: 'opaque',
      directory: 'opt/app',
    });
    expect(classifyWhiteout('.wh..wh..opq')).toEqual({ kind: 'opaque', directory: '' });
    expect(classifyWhiteout('etc/.wh.hosts')).toEqual({ kind: 'delete', path: 'etc/hosts' });
    expect(classifyWhiteout('.wh.tmp')).toEqual({ kind: 'delete', path: 'tmp' });
    expect(classifyWhiteout('a/.wh..wh.plnk')).toEqual({ kind: 'ignored' });
    expect(classifyWhiteout('a/normal.wh.file')).toEqual({ kind: 'none' });
    expect(() => classifyWhiteout('a/.wh.')).toThrow(/whiteout without a name/);
  });
});
