import { Box, Chip } from '@mui/material';
import { useMemo } from 'react';
import { formatBytes, formatRelativeTime } from '../../common/format';
import { DataTable, type DataColumn } from '../../common/table/DataTable';
import type { Selection } from '../../common/table/selection';
import { useNow } from '../../common/use-now';
import type { VolumeRow, VolumeSort, VolumeSortKey } from './volume-rows';

const ellipsisSx = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

function VolumeName({ row }: { row: VolumeRow }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }} title={row.name}>
      <Box
        component="span"
        sx={{ ...ellipsisSx, minWidth: 0, ...(row.anonymous && { fontFamily: 'monospace' }) }}
      >
        {row.name}
      </Box>
      {row.anonymous && <Chip label="anonymous" size="small" variant="outlined" />}
    </Box>
  );
}

function volumeColumns(now: number): DataColumn<VolumeRow>[] {
  return [
    {
      id: 'name',
      header: 'Name',
      sortable: true,
      identifying: true,
      cell: (row) => <VolumeName row={row} />,
    },
    { id: 'driver', header: 'Driver', width: 100, sortable: true, cell: (row) => row.driver },
    {
      id: 'size',
      header: 'Size',
      width: 100,
      numeric: true,
      sortable: true,
      cell: (row) => (row.size === null ? '—' : formatBytes(row.size)),
      title: (row) => (row.size === null ? 'The engine does not know this size.' : ''),
    },
    {
      id: 'created',
      header: 'Created',
      width: 190,
      sortable: true,
      cell: (row) =>
        row.created === 0 ? (
          '—'
        ) : (
          <time
            dateTime={new Date(row.created).toISOString()}
            title={new Date(row.created).toLocaleString()}
          >
            {formatRelativeTime(now, row.created)}
          </time>
        ),
    },
    {
      id: 'containers',
      header: 'Used by',
      width: 220,
      sortable: true,
      cell: (row) => (row.containers.length === 0 ? '—' : row.containers.join(', ')),
      title: (row) => row.containers.join('\n'),
    },
  ];
}

export function VolumesTable({
  rows,
  sort,
  onSortBy,
  scrollResetKey,
  selection,
  onSelectionChange,
}: {
  rows: readonly VolumeRow[];
  sort: VolumeSort;
  onSortBy(key: VolumeSortKey): void;
  scrollResetKey: string;
  selection: Selection;
  onSelectionChange(next: Selection): void;
}) {
  const now = useNow(30_000);
  const columns = useMemo(() => volumeColumns(now), [now]);
  return (
    <DataTable
      label="Volume list"
      testId="volumes-scroll"
      rows={rows}
      columns={columns}
      getRowId={(row) => row.name}
      sort={{ column: sort.key, direction: sort.direction }}
      onSortBy={(column) => onSortBy(column as VolumeSortKey)}
      scrollResetKey={scrollResetKey}
      rowAttributes={(row) => ({ 'data-testid': 'volume-row', 'data-volume': row.name })}
      selection={{ value: selection, onChange: onSelectionChange }}
    />
  );
}
