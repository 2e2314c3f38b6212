import { describe, expect, it } from 'vitest';
import type { LayerContents, LayerEntry } from './model';
import { LayerStack } from './stack';

const dir = (path: string, mode = 0o755): LayerEntry => ({
  path,
  type: 'dir',
  size: 0,
  mode,
  uid: 0,
  gid: 0,
});
const file = (path: string, content: string, overrides: Partial<LayerEntry> = {}): LayerEntry => ({
  path,
  type: 'file',
  size: content.length,
  mode: 0o644,
  uid: 0,
  gid: 0,
  contentHash: `h:${content}`,
  ...overrides,
});
const layer = (
  entries: LayerEntry[],
  deletions: string[] = [],
  opaqueDirectories: string[] = [],
): LayerContents => ({
  entries,
  deletions,
  opaqueDirectories,
});
const kinds = (changes: { path: string; kind: string }[]) =>
  Object.fromEntries(changes.map((change) => [change.path, change.kind]));

describe('stacking layers', () => {
  it('gives the spec example: rm -rf /opt/app && mkdir /opt/app && echo x > /opt/app/new', () => {
    const stack = new LayerStack();
    stack.apply(
      layer([
        dir('opt'),
        dir('opt/app'),
        file('opt/app/x', 'x\n'),
        dir('opt/app/sub'),
        file('opt/app/sub/y', 'y\n'),
      ]),
    );
    const result = stack.apply(
      layer([dir('opt'), dir('opt/app'), file('opt/app/new', 'x\n')], [], ['opt/app']),
    );
    expect(kinds(result.changes)).toEqual({
      opt: 'unmodified',
      'opt/app': 'unmodified',
      'opt/app/new': 'added',
      'opt/app/sub': 'removed',
      'opt/app/sub/y': 'removed',
      'opt/app/x': 'removed',
    });
    expect(result.counts).toEqual({ added: 1, modified: 0, removed: 3, unmodified: 2 });
    expect(stack.childrenOf('opt/app')).toEqual(['opt/app/new']);
  });

  it('deletes a lower subtree for a .wh. whiteout, and lists every removed path', () => {
    const stack = new LayerStack();
    stack.apply(layer([dir('a'), dir('a/b'), file('a/b/c', 'c'), file('a/d', 'd')]));
    const result = stack.apply(layer([], ['a/b']));
    expect(kinds(result.changes)).toEqual({ 'a/b': 'removed', 'a/b/c': 'removed' });
    expect(stack.get('a/d')).toBeDefined();
    expect(result.deltaBytes).toBe(-1);
  });

  it('lets a whiteout remove only lower entries, not what the same layer adds', () => {
    const stack = new LayerStack();
    stack.apply(layer([file('f', 'old')]));
    const result = stack.apply(layer([file('f', 'new')], ['f']));
    expect(kinds(result.changes)).toEqual({ f: 'modified' });
    expect(stack.get('f')?.contentHash).toBe('h:new');
  });

  it('changes only attributes for a directory over a directory, and keeps its children', () => {
    const stack = new LayerStack();
    stack.apply(layer([dir('etc'), file('etc/passwd', 'root')]));
    const result = stack.apply(layer([dir('etc', 0o700)]));
    expect(kinds(result.changes)).toEqual({ etc: 'modified' });
    expect(stack.get('etc/passwd')).toBeDefined();
  });

  it('replaces a directory by a file with its children gone', () => {
    const stack = new LayerStack();
    stack.apply(layer([dir('d'), file('d/x', 'x'), dir('d/y'), file('d/y/z', 'z')]));
    const result = stack.apply(layer([file('d', 'now a file')]));
    expect(kinds(result.changes)).toEqual({
      d: 'modified',
      'd/x': 'removed',
      'd/y': 'removed',
      'd/y/z': 'removed',
    });
    expect(stack.childrenOf('d')).toEqual([]);
  });

  it('keeps the last entry of a path repeated in one layer, counting both in tarBytes', () => {
    const stack = new LayerStack();
    const result = stack.apply(layer([file('f', 'first'), file('f', 'second!')]));
    expect(stack.get('f')?.contentHash).toBe('h:second!');
    expect(result.tarBytes).toBe(5 + 7);
    expect(result.deltaBytes).toBe(7);
    expect(result.counts.added).toBe(1);
  });

  it('says unmodified for a file rewritten with the same content, modified for a mode change', () => {
    const stack = new LayerStack();
    stack.apply(layer([file('a', 'same'), file('b', 'same')]));
    const result = stack.apply(layer([file('a', 'same'), file('b', 'same', { mode: 0o755 })]));
    expect(kinds(result.changes)).toEqual({ a: 'unmodified', b: 'modified' });
  });

  it('creates missing parents as directories, replacing a file in the way', () => {
    const stack = new LayerStack();
    stack.apply(layer([file('x', 'file')]));
    const result = stack.apply(layer([file('x/y/z', 'deep')]));
    expect(kinds(result.changes)).toEqual({ x: 'modified', 'x/y': 'added', 'x/y/z': 'added' });
    expect(stack.get('x')?.type).toBe('dir');
  });

  it('handles an opaque directory that did not exist below, and symlink targets', () => {
    const stack = new LayerStack();
    stack.apply(
      layer([
        { path: 'l', type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, linkTarget: '/a' },
      ]),
    );
    const result = stack.apply(
      layer(
        [{ path: 'l', type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, linkTarget: '/b' }],
        [],
        ['nowhere'],
      ),
    );
    expect(kinds(result.changes)).toEqual({ l: 'modified' });
  });

  it('keeps the same counts and sizes without the list of changes', () => {
    const layers = [
      layer([dir('opt'), dir('opt/app'), file('opt/app/x', 'x'), file('opt/app/sub/y', 'yy')]),
      layer([file('opt/app/x', 'x'), file('opt/app/new', 'new')], ['opt/app/sub']),
      layer([file('opt/app/x', 'changed', { mode: 0o600 })], [], ['opt']),
    ];
    const listed = new LayerStack();
    const counted = new LayerStack();
    for (const contents of layers) {
      const full = listed.apply(contents);
      const counts = counted.apply(contents, { listChanges: false });
      expect(counts).toEqual({ ...full, changes: [] });
      expect(full.changes.length).toBeGreaterThan(0);
    }
  });

  it('stacks many entries and whiteouts quickly (cost follows what changes, not the stack)', () => {
    const stack = new LayerStack();
    const entries = Array.from({ length: 50_000 }, (_, i) => file(`d${i % 100}/f${i}`, 'x'));
    stack.apply(layer(entries));
    const result = stack.apply(layer([], ['d7']));
    expect(result.counts.removed).toBe(501);
    expect(stack.entryCount).toBe(50_000 + 100 - 501);
  });
});
