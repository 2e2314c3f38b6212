import { Paper, Table, TableBody, TableContainer, TableHead } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { z } from 'zod';
import { useRemembered } from '../use-remembered';
import { layoutColumns, type ColumnChoices } from './column-layout';
import { DataRow, SpacerRow, type DataColumn } from './DataRow';
import { cellFullText, FullTextTip, type Tip } from './FullTextTip';
import { GroupRow, type GroupHeading } from './GroupRow';
import { checkboxColumnWidth, chooserColumnWidth, HeaderRow, type TableSort } from './HeaderRow';
import { moveFocus, selectRow, toggleAll, toggleGroup, type Selection } from './selection';

export type { GroupHeading } from './GroupRow';
export type { DataColumn } from './DataRow';
export type { TableSort } from './HeaderRow';

const choicesSchema = z.record(z.string(), z.boolean());
const headerHeight = 38;

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
  /**
   * Rows that can be chosen. `multiple` (the default): a checkbox a row, click, Shift and
   * Ctrl/Cmd, Space, Ctrl/Cmd+A (the rows shown only). `single`: one row at a time, for a
   * pane that shows it; no checkboxes, and the keyboard's row is the chosen one.
   */
  selection?: {
    value: Selection;
    onChange(next: Selection): void;
    mode?: 'multiple' | 'single';
  };
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
 * optional selection with mouse and keyboard. Arrow keys, Page Up/Down, Home and End move the
 * focused row once the table has focus. Columns are laid out to the table's width (see
 * `layoutColumns`); the header's chooser shows and hides them, remembered per table. A cell
 * cut short shows its full text under the pointer, and under the keyboard's row.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { rows, columns, getRowId, selection, groupHeading, rowHeight = 49 } = props;
  const multiple = selection !== undefined && selection.mode !== 'single';
  const scrollRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const [focusIndex, setFocusIndex] = useState<number | undefined>(undefined);
  const [tip, setTip] = useState<Tip | undefined>(undefined);
  const [boxWidth, setBoxWidth] = useState<number | undefined>(undefined);
  const [choices, setChoices] = useRemembered<ColumnChoices>(
    `columns.${props.label}`,
    choicesSchema,
    {},
  );
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
  useLayoutEffect(() => {
    const box = scrollRef.current;
    if (!box) return;
    const measure = () => setBoxWidth(box.clientWidth || undefined);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  const reserved = (multiple ? checkboxColumnWidth : 0) + chooserColumnWidth;
  const layout = useMemo(
    () => layoutColumns(columns, boxWidth, reserved, choices),
    [columns, boxWidth, reserved, choices],
  );
  const shownColumns = useMemo(
    () => columns.filter((column) => !layout.hidden.has(column.id)),
    [columns, layout],
  );

  // Header rows head groups; only the rows under them can be selected.
  const orderedIds = () =>
    (groupHeading ? rows.filter((row) => !groupHeading(row)) : rows).map(getRowId);
  const choose = (index: number, modifiers: { range: boolean; toggle: boolean }) => {
    const row = rows[index];
    if (!selection || row === undefined || groupHeading?.(row)) return;
    const id = getRowId(row);
    selection.onChange(
      multiple
        ? selectRow(selection.value, orderedIds(), id, modifiers)
        : { selected: new Set([id]), anchor: id },
    );
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
  const rowId = (index: number) => `${idPrefix}-row-${index}`;
  const tipId = `${idPrefix}-full-text`;

  const showRowTip = (index: number) => {
    // After the row is in view and rendered.
    requestAnimationFrame(() => {
      const element = document.getElementById(rowId(index));
      if (!element) return setTip(undefined);
      const cells = [...element.querySelectorAll<HTMLElement>('td[data-column]')];
      const lines = cells.flatMap((cell) => {
        const text = cellFullText(cell);
        const column = columns.find((candidate) => candidate.id === cell.dataset.column);
        if (text === undefined || !column) return [];
        return [cells.length > 1 ? `${column.header}: ${text}` : text];
      });
      setTip(lines.length > 0 ? { anchor: element, lines } : undefined);
    });
  };

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
      showRowTip(next);
      if (event.shiftKey && multiple) choose(next, { range: true, toggle: false });
      else if (!multiple) choose(next, { range: false, toggle: false });
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
      if (event.key === ' ' && multiple) {
        event.preventDefault();
        chooseGroup(focusedGroup);
        return;
      }
    }
    if (!selection) return;
    if (event.key === ' ' && focusIndex !== undefined) {
      event.preventDefault();
      choose(focusIndex, { range: event.shiftKey, toggle: true });
    } else if (multiple && event.key.toLowerCase() === 'a' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      selection.onChange(toggleAll(selection.value, orderedIds()));
    }
  };

  const onPointerOver = (event: MouseEvent) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('td[data-column]');
    if (!cell) return;
    if (tip?.anchor === cell) return;
    const text = cellFullText(cell);
    setTip(text === undefined ? undefined : { anchor: cell, lines: [text] });
  };

  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const columnCount = shownColumns.length + (multiple ? 1 : 0) + 1;
  const selectedCount = selection?.value.selected.size ?? 0;
  const selectableCount = groupHeading ? orderedIds().length : rows.length;

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
      onScroll={() => tip && setTip(undefined)}
      onBlur={() => setTip(undefined)}
      sx={{
        // Shrinks to its rows when there are few, scrolls within the page when there are many;
        // a pane below takes no more than leaves the header and three rows (the page scrolls).
        // No floor beyond that: a table of one row would show an empty strip under it.
        flex: '0 1 auto',
        minHeight: headerHeight + Math.max(1, Math.min(rows.length, 3)) * rowHeight + 2,
        overflow: 'auto',
        '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
      }}
    >
      <Table
        stickyHeader
        size="small"
        aria-rowcount={rows.length + 1}
        sx={{ tableLayout: 'fixed', width: layout.tableWidth }}
      >
        <colgroup>
          {multiple && <col style={{ width: checkboxColumnWidth }} />}
          {shownColumns.map((column) => (
            <col key={column.id} style={{ width: layout.widths.get(column.id) }} />
          ))}
          <col style={{ width: chooserColumnWidth }} />
        </colgroup>
        <TableHead>
          <HeaderRow
            columns={shownColumns}
            allColumns={columns}
            hidden={layout.hidden}
            choices={choices}
            onChoose={setChoices}
            selectAll={
              multiple
                ? {
                    checked: selectableCount > 0 && selectedCount === selectableCount,
                    indeterminate: selectedCount > 0 && selectedCount < selectableCount,
                    onToggle: () => selection.onChange(toggleAll(selection.value, orderedIds())),
                  }
                : undefined
            }
            sort={props.sort}
            onSortBy={props.onSortBy}
          />
        </TableHead>
        <TableBody onMouseOver={onPointerOver} onMouseLeave={() => setTip(undefined)}>
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
                    multiple
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
                columns={shownColumns}
                height={rowHeight}
                focused={focusIndex === item.index}
                selected={selection ? selection.value.selected.has(id) : undefined}
                checkbox={multiple}
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
      <FullTextTip id={tipId} tip={tip} />
    </TableContainer>
  );
}
