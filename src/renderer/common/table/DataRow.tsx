import { Checkbox, TableCell, TableRow } from '@mui/material';
import { memo, useMemo, type MouseEvent, type ReactNode } from 'react';
import type { LayoutColumn } from './column-layout';
import { cellSx } from './GroupRow';

export interface DataColumn<T> extends LayoutColumn {
  numeric?: boolean;
  /** Mono-spaced text (ids, digests). */
  monospace?: boolean;
  cell(row: T): ReactNode;
  /** The full text, shown on hover and focus, when the cell may be cut short. */
  title?(row: T): string;
}

interface DataRowProps<T> {
  row: T;
  domId: string;
  rowIndex: number;
  /** The columns shown. */
  columns: readonly DataColumn<T>[];
  height: number;
  focused: boolean;
  /** Undefined when the rows cannot be chosen. */
  selected: boolean | undefined;
  /** A checkbox a row: with a multiple selection only. */
  checkbox: boolean;
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

/** A row of a DataTable; the last cell spans the column chooser's column. */
export const DataRow = memo(
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
    const last = props.columns.length - 1;
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
        {props.checkbox && (
          <TableCell padding="none" sx={{ textAlign: 'center' }}>
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
        {props.columns.map((column, position) => (
          <TableCell
            key={column.id}
            align={column.numeric ? 'right' : 'left'}
            colSpan={position === last ? 2 : undefined}
            data-column={column.id}
            data-full-text={column.title?.(props.row) || undefined}
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
    before.checkbox === after.checkbox &&
    before.focused === after.focused &&
    before.index === after.index &&
    before.domId === after.domId &&
    before.height === after.height &&
    before.onSelect === after.onSelect &&
    before.onCheck === after.onCheck,
) as <T>(props: DataRowProps<T>) => ReactNode;

export function SpacerRow({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
