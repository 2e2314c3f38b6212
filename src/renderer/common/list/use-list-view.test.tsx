import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useListView, type RoutedChoice } from './use-list-view';

const rows = ['a', 'b', 'c'];
const byName = (list: readonly string[]) => [...list];
const always = () => true;

/** A list whose chosen row is named by a fake URL, moved by `go` or by the test. */
function renderRoutedList(initial: string | undefined) {
  const url = { key: initial, moves: [] as (string | undefined)[] };
  const routed = (): RoutedChoice => ({
    key: url.key,
    go: (key) => {
      url.key = key;
      url.moves.push(key);
    },
  });
  const hook = renderHook(() =>
    useListView({
      rows,
      matches: always,
      sortRows: byName,
      initialSort: { key: 'name', direction: 'asc' },
      rowKey: (row: string) => row,
      routed: routed(),
    }),
  );
  return { hook, url };
}

describe('useListView with the chosen row in the URL', () => {
  it('opens the row the URL names', () => {
    const { hook } = renderRoutedList('b');
    expect(hook.result.current.single).toBe('b');
  });

  it('names the one row chosen, and none for several, keeping them chosen', () => {
    const { hook, url } = renderRoutedList(undefined);
    act(() => hook.result.current.choose('c'));
    expect(url.moves).toEqual(['c']);
    hook.rerender();
    expect(hook.result.current.single).toBe('c');
    act(() => hook.result.current.setChosen({ selected: new Set(['a', 'c']), anchor: 'a' }));
    hook.rerender();
    expect(url.moves).toEqual(['c', undefined]);
    expect(hook.result.current.selectedRows).toEqual(['a', 'c']);
  });

  it('follows the URL when it moves from outside (Back, a link)', () => {
    const { hook, url } = renderRoutedList('a');
    url.key = 'b';
    hook.rerender();
    expect(hook.result.current.single).toBe('b');
    url.key = undefined;
    hook.rerender();
    expect(hook.result.current.selectedRows).toEqual([]);
    expect(url.moves).toEqual([]);
  });
});
