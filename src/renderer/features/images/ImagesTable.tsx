import {
  Box,
  Chip,
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
import { memo, useEffect, useRef } from 'react';
import { useNow } from '../../common/use-now';
import { formatBytes } from './format-bytes';
import { formatRelativeTime } from './format-relative-time';
import { danglingName, type ImageRow, type ImageSort, type ImageSortKey } from './image-rows';

const rowHeight = 49;
const tagChipsShown = 2;

interface Column {
  key: ImageSortKey;
  label: string;
  width?: number;
  numeric?: boolean;
}

const columns: readonly Column[] = [
  { key: 'name', label: 'Name' },
  { key: 'id', label: 'ID', width: 150 },
  { key: 'size', label: 'Size', width: 110, numeric: true },
  { key: 'created', label: 'Created', width: 210 },
  { key: 'containers', label: 'Containers', width: 130, numeric: true },
];

const cellSx = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

const chipSx = { flex: '0 1 auto', minWidth: 0, maxWidth: 240 } as const;

function ImageName({ row }: { row: ImageRow }) {
  const dangling = row.name === danglingName;
  const hiddenTags = row.extraTags.slice(tagChipsShown);
  return (
    <Box
      sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}
      title={[row.name, ...row.extraTags].join('\n')}
    >
      <Box
        component="span"
        sx={{
          ...cellSx,
          flex: '0 1 auto',
          minWidth: 0,
          ...(dangling && { color: 'text.secondary', fontStyle: 'italic' }),
        }}
      >
        {row.name}
      </Box>
      {row.extraTags.slice(0, tagChipsShown).map((tag) => (
        <Chip key={tag} label={tag} size="small" variant="outlined" sx={chipSx} />
      ))}
      {hiddenTags.length > 0 && (
        <Chip
          label={`+${hiddenTags.length}`}
          size="small"
          variant="outlined"
          sx={{ flexShrink: 0 }}
        />
      )}
    </Box>
  );
}

const ImageTableRow = memo(function ImageTableRow({
  row,
  rowIndex,
  now,
}: {
  row: ImageRow;
  rowIndex: number;
  now: number;
}) {
  const created = new Date(row.created);
  return (
    <TableRow
      hover
      data-testid="image-row"
      data-image-id={row.id}
      aria-rowindex={rowIndex}
      sx={{ height: rowHeight }}
    >
      <TableCell>
        <ImageName row={row} />
      </TableCell>
      <TableCell sx={{ ...cellSx, fontFamily: 'monospace' }} title={row.id}>
        {row.shortId}
      </TableCell>
      <TableCell sx={cellSx} align="right">
        {formatBytes(row.size)}
      </TableCell>
      <TableCell sx={cellSx}>
        <time dateTime={created.toISOString()} title={created.toLocaleString()}>
          {formatRelativeTime(now, row.created)}
        </time>
      </TableCell>
      <TableCell sx={cellSx} align="right">
        {row.containers}
      </TableCell>
    </TableRow>
  );
});

function SpacerRow({ height }: { height: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true">
      <td colSpan={columns.length} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}

/**
 * Only the rows in view are in the DOM; spacer rows above and below keep the scroll height
 * right, so the table keeps real table semantics and a sticky header.
 */
export function ImagesTable({
  rows,
  sort,
  onSortBy,
  scrollResetKey,
}: {
  rows: readonly ImageRow[];
  sort: ImageSort;
  onSortBy: (key: ImageSortKey) => void;
  /** A new sort or search starts at the top; new images arriving keep the place. */
  scrollResetKey: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow(30_000);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [scrollResetKey]);

  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <TableContainer
      ref={scrollRef}
      component={Paper}
      variant="outlined"
      tabIndex={0}
      role="region"
      aria-label="Image list"
      data-testid="images-scroll"
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
            {columns.map((column) => {
              const active = sort.key === column.key;
              return (
                <TableCell
                  key={column.key}
                  align={column.numeric ? 'right' : 'left'}
                  sortDirection={active ? sort.direction : false}
                  sx={{ width: column.width, fontWeight: 600 }}
                >
                  <TableSortLabel
                    active={active}
                    direction={active ? sort.direction : 'asc'}
                    onClick={() => onSortBy(column.key)}
                  >
                    {column.label}
                  </TableSortLabel>
                </TableCell>
              );
            })}
          </TableRow>
        </TableHead>
        <TableBody>
          <SpacerRow height={paddingTop} />
          {items.map((item) => {
            const row = rows[item.index];
            return row ? (
              <ImageTableRow key={row.id} row={row} rowIndex={item.index + 2} now={now} />
            ) : null;
          })}
          <SpacerRow height={paddingBottom} />
        </TableBody>
      </Table>
    </TableContainer>
  );
}
