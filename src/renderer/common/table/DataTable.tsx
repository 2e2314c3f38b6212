import {
  Checkbox,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TableSortLabel,
} from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { cellSx, GroupRow, type GroupHeading } from './GroupRow';
import { moveFocus, selectRow, toggleAll, toggleGroup, type Selection } from './selection';

export type { GroupHeading } from './GroupRow';

export interface DataColumn<T> {
  id: string;
  header: string;
  width?: number;
  numeric?: boolean;
  /** Whether the header sorts: the page owns the order, the table only asks for a change. */
  sortable?: boolean;
  /** Mono-spaced text (ids, digests). */
  monospace?: boolean;
  cell(row: T): ReactNode;
  /** The full text, as a tooltip, when the cell may be cut short. */
  title?(row: T): string;
}

export interface TableSort {
  column: string;
  direction: 'asc' | 'desc';
}

export interface DataTableProps<T> {
  /** What the table lists, for assistive technology: "Image list". */
  label: string;
  rows: readonly T[];
  columns: readonly DataColumn<T>[];
  getRowId(row: T): string;
  sort?: TableSort;
  onSortBy?(column: string): void;
  /** A change of this value scrolls back to the top (a new sort or search). */
  scrollResetKey?: string;
  rowHeight?: number;
  /** Extra attributes of each row (test ids, data attributes). */
  rowAttributes?(row: T): Record<string, string>;
  /** Turns on multi-selection: click, Shift and Ctrl/Cmd, Space, Ctrl/Cmd+A. */
  selection?: { value: Selection; onChange(next: Selection): void };
  /**
   * Marks the rows that head a group: a full-width row with the group's name, its count and a
   * collapse toggle (and, with a selection, a checkbox for the whole group). Enter or the
   * arrow keys Left and Right collapse and expand the focused group, Space selects it.
   */
  groupHeading?(row: T): GroupHeading | undefined;
  onToggleGroup?(rowId: string): void;
  testId?: string;
}

/**
 * The app's table: sticky header, sortable columns, virtualised rows (only those in view
 * are in the DOM; spacer rows keep the scroll height, so it keeps real table semantics), and
 * optional multi-selection with mouse and keyboard. Arrow keys, Page Up/Down, Home and End
 * move the focused row once the table has focus.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { rows, columns, getRowId, selection, groupHeading, rowHeight = 49 } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const [focusIndex, setFocusIndex] = useState<number | undefined>(undefined);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    // Rows render in a task of their own after the scroll event rather than inside it: a
    // frame that mounts new rows no longer adds their render to the event's own work.
    useFlushSync: false,
    getItemKey: (index) => {
      const row = rows[index];
      return row === undefined ? index : getRowId(row);
    },
  });
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [props.scrollResetKey]);

  // Header rows head groups; only the rows under them can be selected.
  const orderedIds = () =>
    (groupHeading ? rows.filter((row) => !groupHeading(row)) : rows).map(getRowId);
  const choose = (index: number, modifiers: { range: boolean; toggle: boolean }) => {
    const row = rows[index];
    if (!selection || row === undefined || groupHeading?.(row)) return;
    selection.onChange(selectRow(selection.value, orderedIds(), getRowId(row), modifiers));
  };
  const chooseGroup = (heading: GroupHeading) =>
    selection?.onChange(toggleGroup(selection.value, heading.memberIds));
  // Rows get the same two callbacks on every render (so a row that did not change is not
  // rendered again while the list scrolls); they act on the latest state through this ref.
  const latest = useRef({ choose });
  latest.current = { choose };
  const onRowSelect = useCallback((index: number, event: MouseEvent) => {
    setFocusIndex(index);
    latest.current.choose(index, { range: event.shiftKey, toggle: event.ctrlKey || event.metaKey });
  }, []);
  const onRowCheck = useCallback((index: number) => {
    setFocusIndex(index);
    latest.current.choose(index, { range: false, toggle: true });
  }, []);
  const focusedRow = focusIndex === undefined ? undefined : rows[focusIndex];
  const focusedGroup = focusedRow === undefined ? undefined : groupHeading?.(focusedRow);

  const onKeyDown = (event: KeyboardEvent) => {
    const pageSize = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? 0) / rowHeight) - 1,
    );
    const next = moveFocus(focusIndex ?? -1, rows.length, event.key, pageSize);
    if (next !== undefined) {
      event.preventDefault();
      setFocusIndex(next);
      virtualizer.scrollToIndex(next);
      if (event.shiftKey) choose(next, { range: true, toggle: false });
      return;
    }
    if (focusedGroup && focusedRow !== undefined) {
      const toggles =
        event.key === 'Enter' ||
        (event.key === 'ArrowLeft' && !focusedGroup.collapsed) ||
        (event.key === 'ArrowRight' && focusedGroup.collapsed);
      if (toggles) {
        event.preventDefault();
        props.onToggleGroup?.(getRowId(focusedRow));
        return;
      }
      if (event.key === ' ' && selection) {
        event.preventDefault();
        chooseGroup(focusedGroup);
        return;
      }
    }
    if (!selection) return;
    if (event.key === ' ' && focusIndex !== undefined) {
      event.preventDefault();
      choose(focusIndex, { range: event.shiftKey, toggle: true });
    } else if (event.key.toLowerCase() === 'a' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      selection.onChange(toggleAll(selection.value, orderedIds()));
    }
  };

  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const columnCount = columns.length + (selection ? 1 : 0);
  const selectedCount = selection?.value.selected.size ?? 0;
  const selectableCount = groupHeading ? orderedIds().length : rows.length;
  const rowId = (index: number) => `${idPrefix}-row-${index}`;

  return (
    <TableContainer
      ref={scrollRef}
      component={Paper}
      variant="outlined"
      tabIndex={0}
      role="region"
      aria-label={props.label}
      aria-activedescendant={focusIndex === undefined ? undefined : rowId(focusIndex)}
      data-testid={props.testId}
      onKeyDown={onKeyDown}
      sx={{
        // Shrinks to its rows when there are few, scrolls within the page when there are many.
        flex: '0 1 auto',
        minHeight: 120,
        overflow: 'auto',
        '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
      }}
    >
      <Table
        stickyHeader
        size="small"
        aria-rowcount={rows.length + 1}
        sx={{ tableLayout: 'fixed' }}
      >
        <TableHead>
          <TableRow aria-rowindex={1}>
            {selection && (
              <TableCell padding="checkbox" sx={{ width: 56 }}>
                <Checkbox
                  size="small"
                  checked={selectableCount > 0 && selectedCount === selectableCount}
                  indeterminate={selectedCount > 0 && selectedCount < selectableCount}
                  onChange={() => selection.onChange(toggleAll(selection.value, orderedIds()))}
                  // Ctrl/Cmd+A does this from the keyboard; the checkbox is not a tab stop.
                  slotProps={{ input: { 'aria-label': 'Select all', tabIndex: -1 } }}
                />
              </TableCell>
            )}
            {columns.map((column) => (
              <HeaderCell
                key={column.id}
                column={column}
                sort={props.sort}
                onSortBy={props.onSortBy}
              />
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          <SpacerRow height={paddingTop} columns={columnCount} />
          {items.map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            const id = getRowId(row);
            const heading = groupHeading?.(row);
            if (heading) {
              return (
                <GroupRow
                  key={id}
                  heading={heading}
                  domId={rowId(item.index)}
                  rowIndex={item.index + 2}
                  columnCount={columnCount}
                  height={rowHeight}
                  focused={focusIndex === item.index}
                  selectedMembers={
                    selection
                      ? heading.memberIds.filter((member) => selection.value.selected.has(member))
                          .length
                      : undefined
                  }
                  attributes={props.rowAttributes?.(row)}
                  onToggle={() => {
                    setFocusIndex(item.index);
                    props.onToggleGroup?.(id);
                  }}
                  onCheck={() => {
                    setFocusIndex(item.index);
                    chooseGroup(heading);
                  }}
                />
              );
            }
            return (
              <DataRow
                key={id}
                row={row}
                domId={rowId(item.index)}
                rowIndex={item.index + 2}
                columns={columns}
                height={rowHeight}
                focused={focusIndex === item.index}
                selected={selection ? selection.value.selected.has(id) : undefined}
                attributes={props.rowAttributes?.(row)}
                index={item.index}
                onSelect={onRowSelect}
                onCheck={onRowCheck}
              />
            );
          })}
          <SpacerRow height={paddingBottom} columns={columnCount} />
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function HeaderCell<T>({
  column,
  sort,
  onSortBy,
}: {
  column: DataColumn<T>;
  sort: TableSort | undefined;
  onSortBy: ((column: string) => void) | undefined;
}) {
  const active = sort?.column === column.id;
  const direction = active ? sort.direction : 'asc';
  return (
    <TableCell
      align={column.numeric ? 'right' : 'left'}
      sortDirection={active ? direction : false}
      sx={{ width: column.width, fontWeight: 600 }}
    >
      {column.sortable && onSortBy ? (
        <TableSortLabel active={active} direction={direction} onClick={() => onSortBy(column.id)}>
          {column.header}
        </TableSortLabel>
      ) : (
        column.header
      )}
    </TableCell>
  );
}

interface DataRowProps<T> {
  row: T;
  domId: string;
  rowIndex: number;
  columns: readonly DataColumn<T>[];
  height: number;
  focused: boolean;
  /** Undefined when the table has no selection. */
  selected: boolean | undefined;
  /** Derived from the row: a new object with the same row does not render it again. */
  attributes: Record<string, string> | undefined;
  index: number;
  onSelect(index: number, event: MouseEvent): void;
  onCheck(index: number): void;
}

const focusedSx = { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 };
const monospaceCellSx = { ...cellSx, fontFamily: 'monospace' };
const stopPropagation = (event: MouseEvent) => event.stopPropagation();
const checkboxSlots = { input: { 'aria-label': 'Select row', tabIndex: -1 } };

const DataRow = memo(
  function DataRow<T>(props: DataRowProps<T>) {
    const { index, onSelect, onCheck } = props;
    const selectable = props.selected !== undefined;
    const rowSx = useMemo(
      () => ({
        height: props.height,
        cursor: selectable ? 'pointer' : undefined,
        ...(props.focused && focusedSx),
      }),
      [props.height, selectable, props.focused],
    );
    return (
      <TableRow
        hover
        id={props.domId}
        selected={props.selected ?? false}
        aria-rowindex={props.rowIndex}
        aria-selected={props.selected}
        onClick={selectable ? (event: MouseEvent) => onSelect(index, event) : undefined}
        sx={rowSx}
        {...props.attributes}
      >
        {selectable && (
          <TableCell padding="checkbox">
            <Checkbox
              size="small"
              // The table has the focus and its own highlight; a ripple per row only costs.
              disableRipple
              checked={props.selected}
              onClick={stopPropagation}
              onChange={() => onCheck(index)}
              slotProps={checkboxSlots}
            />
          </TableCell>
        )}
        {props.columns.map((column) => (
          <TableCell
            key={column.id}
            align={column.numeric ? 'right' : 'left'}
            title={column.title?.(props.row)}
            sx={column.monospace ? monospaceCellSx : cellSx}
          >
            {column.cell(props.row)}
          </TableCell>
        ))}
      </TableRow>
    );
  },
  (before, after) =>
    before.row === after.row &&
    before.columns === after.columns &&
    before.selected === after.selected &&
    before.focused === after.focused &&
    before.index === after.index &&
    before.domId === after.domId &&
    before.height === after.height &&
    before.onSelect === after.onSelect &&
    before.onCheck === after.onCheck,
) as <T>(props: DataRowProps<T>) => ReactNode;

function SpacerRow({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
