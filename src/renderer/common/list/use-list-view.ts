import { useDeferredValue, useMemo, useState } from 'react';
import { maxSelectedInUrl } from '../routes';
import { emptySelection, keepShown, type Selection } from '../table/selection';

/** The one row in detail as the URL names it, or the several chosen, and how to name others. */
export interface RoutedChoice {
  key: string | undefined;
  /** Several rows chosen, by the ids the URL gives them (`urlId`); absent for one or none. */
  selected?: readonly string[] | undefined;
  /** Names one row (`key`), several (`selected`, by their URL ids) or none. */
  go(key: string | undefined, selected?: string[]): void;
}

const only = (key: string): Selection => ({ selected: new Set([key]), anchor: key });
const several = (keys: readonly string[]): Selection => ({
  selected: new Set(keys),
  anchor: keys[0],
});
const identity = (key: string) => key;

/** What the URL names, as one text: it tells a move from outside from the list's own. */
const routeSignature = (key: string | undefined, selected: readonly string[] | undefined) =>
  key ?? selected?.join(',') ?? '';

function routedSelection(routed: RoutedChoice | undefined): Selection {
  if (routed?.key !== undefined) return only(routed.key);
  if (routed?.selected && routed.selected.length > 1) return several(routed.selected);
  return emptySelection;
}

/**
 * What a list page shows of its rows: searched (the search trails the typing, so the box
 * stays quick with thousands of rows), sorted, and the selection among the rows shown (rows
 * that go away, removed or filtered out, leave it). With `routed`, the one row chosen (whose
 * detail is open) lives in the URL: choosing it names it there, and Back, a reload or a link
 * that names a row chooses it. Several rows chosen are named too (up to `maxSelectedInUrl`), by
 * `urlId` of their keys (a short id): a reload chooses them again once the rows are listed.
 */
export function useListView<Row, Sort extends { key: string; direction: string }>({
  rows,
  matches,
  sortRows,
  initialSort,
  rowKey,
  routed,
  urlId = identity,
}: {
  rows: readonly Row[];
  /** Stable (module-level or memoised): a new function re-runs the search. */
  matches(row: Row, search: string): boolean;
  sortRows(rows: readonly Row[], sort: Sort): Row[];
  initialSort: Sort;
  rowKey(row: Row): string;
  routed?: RoutedChoice;
  /** The shorter id a URL gives a row key (stable, module-level); the key itself by default. */
  urlId?(key: string): string;
}) {
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [sort, setSort] = useState(initialSort);
  const routedKey = routed?.key;
  const signature = routeSignature(routedKey, routed?.selected);
  const [chosen, setChosenHere] = useState<Selection>(() => routedSelection(routed));
  const [seenSignature, setSeenSignature] = useState(signature);
  if (routed && signature !== seenSignature) {
    // The URL named other rows (Back, a link): choose them.
    setSeenSignature(signature);
    setChosenHere(routedSelection(routed));
  }
  const setChosen = (next: Selection) => {
    setChosenHere(next);
    if (!routed) return;
    const keys = [...next.selected];
    const [key] = keys.length === 1 ? keys : [];
    const named = keys.length > 1 && keys.length <= maxSelectedInUrl ? keys.map(urlId) : undefined;
    const nextSignature = routeSignature(key, named);
    // Seen before it is named, so naming it is not read back as a move from outside.
    setSeenSignature(nextSignature);
    if (nextSignature !== signature) routed.go(key, named);
  };

  const shownRows = useMemo(
    () =>
      sortRows(
        rows.filter((row) => matches(row, deferredSearch)),
        sort,
      ),
    [rows, matches, sortRows, deferredSearch, sort],
  );
  const selection = useMemo(() => {
    const keys = shownRows.map(rowKey);
    // Rows the URL chose are named by their URL ids until they are matched with the rows.
    const keyOfUrlId = new Map(keys.map((key) => [urlId(key), key]));
    const resolved = new Set([...chosen.selected].map((id) => keyOfUrlId.get(id) ?? id));
    const anchor = chosen.anchor === undefined ? undefined : keyOfUrlId.get(chosen.anchor);
    return keepShown({ selected: resolved, anchor: anchor ?? chosen.anchor }, keys);
  }, [chosen, shownRows, rowKey, urlId]);
  const selectedRows = shownRows.filter((row) => selection.selected.has(rowKey(row)));

  return {
    search,
    setSearch,
    deferredSearch,
    sort,
    setSort,
    shownRows,
    selection,
    setChosen,
    selectedRows,
    /** The one row chosen, whose detail is shown; none when several are. */
    single: selectedRows.length === 1 ? selectedRows[0] : undefined,
    /** Changes when the order changes, so the table scrolls back to the top. */
    scrollResetKey: `${sort.key} ${sort.direction} ${deferredSearch}`,
    choose: (key: string) => setChosen(only(key)),
    clearChoice: () => setChosen(emptySelection),
  };
}
