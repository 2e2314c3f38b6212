import { useDeferredValue, useMemo, useState } from 'react';
import { emptySelection, keepShown, type Selection } from '../table/selection';

/**
 * What a list page shows of its rows: searched (the search trails the typing, so the box
 * stays quick with thousands of rows), sorted, and the selection among the rows shown (rows
 * that go away, removed or filtered out, leave it).
 */
export function useListView<Row, Sort extends { key: string; direction: string }>({
  rows,
  matches,
  sortRows,
  initialSort,
  rowKey,
}: {
  rows: readonly Row[];
  /** Stable (module-level or memoised): a new function re-runs the search. */
  matches(row: Row, search: string): boolean;
  sortRows(rows: readonly Row[], sort: Sort): Row[];
  initialSort: Sort;
  rowKey(row: Row): string;
}) {
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [sort, setSort] = useState(initialSort);
  const [chosen, setChosen] = useState<Selection>(emptySelection);

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
    choose: (key: string) => setChosen({ selected: new Set([key]), anchor: key }),
    clearChoice: () => setChosen(emptySelection),
  };
}
