import { describe, expect, it } from 'vitest';
import { containerPaths, flattenJson, searchJson } from './json-tree';

const sample = {
  Id: 'sha256:abc',
  Config: { Env: ['PATH=/bin', 'A=b'], Labels: { 'a/b': 'x' } },
  Size: 12,
  Empty: {},
  Nothing: null,
};

describe('JSON viewer model', () => {
  it('shows the root collapsed with a summary', () => {
    expect(flattenJson(sample, new Set())).toEqual([
      { path: '', depth: 0, key: undefined, kind: 'object', text: '{5}', expandable: true },
    ]);
  });

  it('lists children of expanded values in order, with leaves as JSON text', () => {
    const lines = flattenJson(sample, new Set(['', '/Config']));
    expect(lines.map((line) => [line.path, line.text])).toEqual([
      ['', '{5}'],
      ['/Id', '"sha256:abc"'],
      ['/Config', '{2}'],
      ['/Config/Env', '[2]'],
      ['/Config/Labels', '{1}'],
      ['/Size', '12'],
      ['/Empty', '{0}'],
      ['/Nothing', 'null'],
    ]);
    expect(lines.find((line) => line.path === '/Empty')?.expandable).toBe(false);
  });

  it('escapes keys with slashes as JSON Pointer does', () => {
    expect(containerPaths(sample)).toEqual(
      new Set(['', '/Config', '/Config/Env', '/Config/Labels']),
    );
    const all = flattenJson(sample, containerPaths(sample));
    expect(all.map((line) => line.path)).toContain('/Config/Labels/a~1b');
  });

  it('finds keys and values, and reveals their parents', () => {
    const found = searchJson(sample, 'path=');
    expect(found.matches).toEqual(['/Config/Env/0']);
    expect(found.reveal).toEqual(new Set(['', '/Config', '/Config/Env']));
    expect(searchJson(sample, 'labels').matches).toEqual(['/Config/Labels']);
    expect(searchJson(sample, '  ').matches).toEqual([]);
  });

  it('copes with a large document', () => {
    const big = { items: Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `item ${i}` })) };
    expect(flattenJson(big, containerPaths(big))).toHaveLength(1 + 1 + 5000 * 3);
    expect(searchJson(big, 'item 4999').matches).toEqual(['/items/4999/name']);
  });
});
