import { describe, expect, it } from 'vitest';
import { cleanSegments, requestPath } from './request-path';

describe('request paths', () => {
  it('decodes the path and drops query and fragment', () => {
    expect(requestPath('/a%20b/c?token=x#y')).toBe('/a b/c');
    expect(requestPath('//')).toBe('//');
  });

  it.each([
    undefined,
    '',
    '%',
    'http://x/',
    '*',
    '/%',
    '/%E0%A4%A',
    '/a%00b',
    '/' + 'a'.repeat(3000),
  ])('refuses %j instead of throwing', (target) => {
    expect(requestPath(target)).toBeUndefined();
  });

  it('clamps dot segments at the root and treats backslashes as separators', () => {
    expect(cleanSegments('/../../etc/passwd')).toEqual(['etc', 'passwd']);
    expect(cleanSegments('/a/./b/../c')).toEqual(['a', 'c']);
    expect(cleanSegments('\\..\\..\\x')).toEqual(['x']);
    expect(cleanSegments('//')).toEqual([]);
  });
});
