import { useDeferredValue, useMemo, useState } from 'react';
import { emptySelection, keepShown, type Selection } from '../table/selection';

/** The one row in detail as the URL names it, and how to name another (or none). */
export interface RoutedChoice {
  key: string | undefined;
  go(key: string | undefined): void;
}

const only = (key: string): Selection => ({ selected: new Set([key]), anchor: key });

/**
 * What a list page shows of its rows: searched (the search trails the typing, so the box
 * stays quick with thousands of rows), sorted, and the selection among the rows shown (rows
 * that go away, removed or filtered out, leave it). With `routed`, the one row chosen (whose
 * detail is open) lives in the URL: choosing it names it there, and Back, a reload or a link
 * that names a row chooses it.
 */
export function useListView<Row, Sort extends { key: string; direction: string }>({
  rows,
  matches,
  sortRows,
  initialSort,
  rowKey,
  routed,
}: {
  rows: readonly Row[];
  /** Stable (module-level or memoised): a new function re-runs the search. */
  matches(row: Row, search: string): boolean;
  sortRows(rows: readonly Row[], sort: Sort): Row[];
  initialSort: Sort;
  rowKey(row: Row): string;
  routed?: RoutedChoice;
}) {
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [sort, setSort] = useState(initialSort);
  const routedKey = routed?.key;
  const [chosen, setChosenHere] = useState<Selection>(() =>
    routedKey === undefined ? emptySelection : only(routedKey),
  );
  const [seenKey, setSeenKey] = useState(routedKey);
  if (routed && routedKey !== seenKey) {
    // The URL named another row (Back, a link): choose it.
    setSeenKey(routedKey);
    setChosenHere(routedKey === undefined ? emptySelection : only(routedKey));
  }
  const setChosen = (next: Selection) => {
    setChosenHere(next);
    if (!routed) return;
    const [key] = next.selected.size === 1 ? next.selected : [];
    // Seen before it is named, so naming it is not read back as a move from outside.
    setSeenKey(key);
    if (key !== routedKey) routed.go(key);
  };

  const shownRows = useMemo(
    () =>
      sortRows(
        rows.filter((row) => matches(row, deferredSearch)),
        sort,
      ),
    [rows, matches, sortRows, deferredSearch, sort],
  );
  const selection = useMemo(
    () => keepShown(chosen, shownRows.map(rowKey)),
    [chosen, shownRows, rowKey],
  );
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
