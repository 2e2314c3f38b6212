import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useListView, type RoutedChoice } from './use-list-view';

const rows = ['a', 'b', 'c'];
const byName = (list: readonly string[]) => [...list];
const always = () => true;

/** A list whose chosen row is named by a fake URL, moved by `go` or by the test. */
function renderRoutedList(initial: string | undefined) {
  const url = {
    key: initial,
    selected: undefined as string[] | undefined,
    moves: [] as (string | undefined)[],
  };
  const routed = (): RoutedChoice => ({
    key: url.key,
    selected: url.selected,
    go: (key, selected) => {
      url.key = key;
      url.selected = selected;
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

describe('useListView with several chosen rows in the URL', () => {
  const keys = ['sha256:aaaa1111', 'sha256:bbbb2222', 'sha256:cccc3333'];
  const short = (key: string) => key.slice(7, 11);

  function renderSeveral(selected: string[] | undefined, listed: string[]) {
    const url = {
      selected,
      moves: [] as [string | undefined, string[] | undefined][],
    };
    const hook = renderHook(
      ({ rows: current }: { rows: string[] }) =>
        useListView({
          rows: current,
          matches: always,
          sortRows: byName,
          initialSort: { key: 'name', direction: 'asc' },
          rowKey: (row: string) => row,
          routed: {
            key: undefined,
            selected: url.selected,
            go: (key, chosen) => {
              url.selected = chosen;
              url.moves.push([key, chosen]);
            },
          },
          urlId: short,
        }),
      { initialProps: { rows: listed } },
    );
    return { hook, url };
  }

  it('names several rows chosen by their short ids', () => {
    const { hook, url } = renderSeveral(undefined, keys);
    act(() =>
      hook.result.current.setChosen({ selected: new Set(keys.slice(0, 2)), anchor: keys[0] }),
    );
    expect(url.moves).toEqual([[undefined, ['aaaa', 'bbbb']]]);
    act(() => hook.result.current.setChosen({ selected: new Set([]), anchor: undefined }));
    expect(url.moves.at(-1)).toEqual([undefined, undefined]);
  });

  it('chooses them again on a reload, once the rows are listed', () => {
    const { hook } = renderSeveral(['aaaa', 'cccc'], []);
    expect(hook.result.current.selectedRows).toEqual([]);
    hook.rerender({ rows: keys });
    expect(hook.result.current.selectedRows).toEqual(['sha256:aaaa1111', 'sha256:cccc3333']);
    expect(hook.result.current.single).toBeUndefined();
  });
});
