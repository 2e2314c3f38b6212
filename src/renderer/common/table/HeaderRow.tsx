import ViewColumnIcon from '@mui/icons-material/ViewColumn';
import {
  Checkbox,
  Divider,
  IconButton,
  ListItemIcon,
  Menu,
  MenuItem,
  TableCell,
  TableRow,
  TableSortLabel,
  Tooltip,
} from '@mui/material';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { ColumnChoices } from './column-layout';

export interface HeaderColumn {
  id: string;
  header: string;
  numeric?: boolean;
  sortable?: boolean;
  identifying?: boolean;
}

export interface TableSort {
  column: string;
  direction: 'asc' | 'desc';
}

/** Width of the select-all column and of the column chooser's. */
export const checkboxColumnWidth = 52;
export const chooserColumnWidth = 44;

const headerControl = '[data-header-control]';
const rovingKeys = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End']);

/**
 * The header row: select-all, the sortable headers and the column chooser are one Tab stop
 * between them; Left and Right (Home, End) move among them.
 */
export function HeaderRow<C extends HeaderColumn>({
  columns,
  allColumns,
  hidden,
  choices,
  onChoose,
  selectAll,
  sort,
  onSortBy,
}: {
  /** The columns shown. */
  columns: readonly C[];
  /** Every column, for the chooser. */
  allColumns: readonly C[];
  hidden: ReadonlySet<string>;
  choices: ColumnChoices;
  onChoose(next: ColumnChoices): void;
  selectAll?: { checked: boolean; indeterminate: boolean; onToggle(): void };
  sort: TableSort | undefined;
  onSortBy: ((column: string) => void) | undefined;
}) {
  const row = useRef<HTMLTableRowElement>(null);
  const [active, setActive] = useState(0);
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  let controlCount = 0;
  const nextControl = () => {
    const index = controlCount++;
    return {
      tabIndex: index === active ? 0 : -1,
      'data-header-control': '',
      onFocus: () => setActive(index),
    };
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // The table's own keys (rows, Ctrl+A) are not for the header.
    event.stopPropagation();
    if (!rovingKeys.has(event.key)) return;
    const controls = [...(row.current?.querySelectorAll<HTMLElement>(headerControl) ?? [])];
    const current = controls.findIndex((control) => control.contains(document.activeElement));
    const last = controls.length - 1;
    const target =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? last
          : Math.min(last, Math.max(0, current + (event.key === 'ArrowLeft' ? -1 : 1)));
    event.preventDefault();
    controls[target]?.focus();
  };

  const choose = (id: string) => onChoose({ ...choices, [id]: hidden.has(id) });

  return (
    <TableRow ref={row} aria-rowindex={1} onKeyDown={onKeyDown}>
      {selectAll && (
        <TableCell padding="none" sx={{ textAlign: 'center' }}>
          <Checkbox
            size="small"
            checked={selectAll.checked}
            indeterminate={selectAll.indeterminate}
            onChange={selectAll.onToggle}
            slotProps={{ input: { 'aria-label': 'Select all', ...nextControl() } }}
          />
        </TableCell>
      )}
      {columns.map((column) => {
        const isSorted = sort?.column === column.id;
        const direction = isSorted ? sort.direction : 'asc';
        return (
          <TableCell
            key={column.id}
            align={column.numeric ? 'right' : 'left'}
            sortDirection={isSorted ? direction : false}
            data-column={column.id}
            data-identifying={column.identifying ? '' : undefined}
            sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}
          >
            {column.sortable && onSortBy ? (
              <TableSortLabel
                active={isSorted}
                direction={direction}
                onClick={() => onSortBy(column.id)}
                {...nextControl()}
              >
                {column.header}
              </TableSortLabel>
            ) : (
              column.header
            )}
          </TableCell>
        );
      })}
      <TableCell padding="none" sx={{ textAlign: 'center' }}>
        <Tooltip title="Choose columns">
          <IconButton
            size="small"
            aria-label="Choose columns"
            aria-haspopup="menu"
            onClick={(event) => setMenuAnchor(event.currentTarget)}
            {...nextControl()}
          >
            <ViewColumnIcon fontSize="small" />
          </IconButton>
        </Tooltip>
        <Menu
          anchorEl={menuAnchor}
          open={menuAnchor !== null}
          onClose={() => setMenuAnchor(null)}
          slotProps={{ list: { 'aria-label': 'Columns', dense: true } }}
        >
          {allColumns
            .filter((column) => !column.identifying)
            .map((column) => (
              <MenuItem
                key={column.id}
                role="menuitemcheckbox"
                aria-checked={!hidden.has(column.id)}
                onClick={() => choose(column.id)}
              >
                <ListItemIcon>
                  <Checkbox
                    size="small"
                    edge="start"
                    checked={!hidden.has(column.id)}
                    tabIndex={-1}
                    disableRipple
                    slotProps={{ input: { 'aria-hidden': true } }}
                  />
                </ListItemIcon>
                {column.header}
              </MenuItem>
            ))}
          <Divider />
          <MenuItem
            disabled={Object.keys(choices).length === 0}
            onClick={() => {
              onChoose({});
              setMenuAnchor(null);
            }}
          >
            Fit columns to the width
          </MenuItem>
        </Menu>
      </TableCell>
    </TableRow>
  );
}
