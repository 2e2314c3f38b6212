import { useDeferredValue, useMemo, useState } from 'react';
import { emptySelection } from '../table/selection';
import {
  only,
  resolveChosen,
  sameId,
  useRoutedSelection,
  type RoutedChoice,
} from './routed-selection';

export type { RoutedChoice } from './routed-selection';

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
  urlId = sameId,
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
  const [chosen, setChosen] = useRoutedSelection(routed, urlId);

  const shownRows = useMemo(
    () =>
      sortRows(
        rows.filter((row) => matches(row, deferredSearch)),
        sort,
      ),
    [rows, matches, sortRows, deferredSearch, sort],
  );
  const selection = useMemo(
    () => resolveChosen(chosen, shownRows.map(rowKey), urlId),
    [chosen, shownRows, rowKey, urlId],
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
