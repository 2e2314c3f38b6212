import { Box, Chip } from '@mui/material';
import { useMemo } from 'react';
import { formatBytes, formatRelativeTime } from '../../common/format';
import { DataTable, type DataColumn } from '../../common/table/DataTable';
import type { Selection } from '../../common/table/selection';
import { useNow } from '../../common/use-now';
import { danglingName, type ImageRow, type ImageSort, type ImageSortKey } from './image-rows';

const tagChipsShown = 2;
const chipSx = { flex: '0 1 auto', minWidth: 0, maxWidth: 240 } as const;
const ellipsisSx = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

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
          ...ellipsisSx,
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

function imageColumns(now: number): DataColumn<ImageRow>[] {
  return [
    {
      id: 'name',
      header: 'Name',
      sortable: true,
      identifying: true,
      cell: (row) => <ImageName row={row} />,
    },
    {
      id: 'id',
      header: 'ID',
      width: 150,
      sortable: true,
      monospace: true,
      cell: (row) => row.shortId,
      title: (row) => row.id,
    },
    {
      id: 'size',
      header: 'Size',
      width: 110,
      numeric: true,
      sortable: true,
      cell: (row) => formatBytes(row.size),
    },
    {
      id: 'created',
      header: 'Created',
      width: 210,
      sortable: true,
      cell: (row) => {
        const created = new Date(row.created);
        return (
          <time dateTime={created.toISOString()} title={created.toLocaleString()}>
            {formatRelativeTime(now, row.created)}
          </time>
        );
      },
    },
    {
      id: 'containers',
      header: 'Containers',
      width: 130,
      numeric: true,
      sortable: true,
      cell: (row) => row.containers,
    },
  ];
}

export function ImagesTable({
  rows,
  sort,
  onSortBy,
  scrollResetKey,
  selection,
  onSelectionChange,
}: {
  rows: readonly ImageRow[];
  sort: ImageSort;
  onSortBy: (key: ImageSortKey) => void;
  /** A new sort or search starts at the top; new images arriving keep the place. */
  scrollResetKey: string;
  selection: Selection;
  onSelectionChange(next: Selection): void;
}) {
  const now = useNow(30_000);
  const columns = useMemo(() => imageColumns(now), [now]);
  return (
    <DataTable
      label="Image list"
      testId="images-scroll"
      rows={rows}
      columns={columns}
      getRowId={(row) => row.id}
      sort={{ column: sort.key, direction: sort.direction }}
      onSortBy={(column) => onSortBy(column as ImageSortKey)}
      scrollResetKey={scrollResetKey}
      rowAttributes={(row) => ({ 'data-testid': 'image-row', 'data-image-id': row.id })}
      selection={{ value: selection, onChange: onSelectionChange }}
    />
  );
}
