import { describe, expect, it } from 'vitest';
import { classifyWhiteout, cleanLayerPath } from './paths';

describe('layer paths', () => {
  it.each([
    ['./etc/passwd', 'etc/passwd'],
    ['/usr//bin/', 'usr/bin'],
    ['a/./b/../c', 'a/c'],
    ['bin', 'bin'],
  ])('cleans %s to %s', (name, path) => expect(cleanLayerPath(name)).toBe(path));

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
