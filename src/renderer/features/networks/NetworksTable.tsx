import { Box, Chip } from '@mui/material';
import { DataTable, type DataColumn } from '../../common/table/DataTable';
import type { Selection } from '../../common/table/selection';
import type { NetworkRow, NetworkSort, NetworkSortKey } from './network-rows';

function NetworkName({ row }: { row: NetworkRow }) {
  const flags = [
    row.predefined && 'predefined',
    row.internal && 'internal',
    row.attachable && 'attachable',
  ].filter((flag): flag is string => typeof flag === 'string');
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }} title={row.name}>
      <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 }}>
        {row.name}
      </Box>
      {flags.map((flag) => (
        <Chip key={flag} label={flag} size="small" variant="outlined" />
      ))}
    </Box>
  );
}

const columns: DataColumn<NetworkRow>[] = [
  {
    id: 'name',
    header: 'Name',
    sortable: true,
    identifying: true,
    cell: (row) => <NetworkName row={row} />,
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
  { id: 'driver', header: 'Driver', width: 90, sortable: true, cell: (row) => row.driver },
  {
    id: 'subnets',
    header: 'Subnet',
    width: 170,
    sortable: true,
    monospace: true,
    cell: (row) => row.subnets.join(', ') || '—',
    title: (row) => row.subnets.join('\n'),
  },
  {
    id: 'gateway',
    header: 'Gateway',
    width: 130,
    sortable: true,
    monospace: true,
    cell: (row) => row.gateways.join(', ') || '—',
  },
  {
    id: 'containers',
    header: 'Containers',
    width: 190,
    sortable: true,
    cell: (row) =>
      row.containers.length === 0
        ? '—'
        : row.containers.map((container) => container.name).join(', '),
    title: (row) =>
      row.containers
        .map((container) => `${container.name} ${container.ipv4 || '(not running)'}`)
        .join('\n'),
  },
];

export function NetworksTable({
  rows,
  sort,
  onSortBy,
  scrollResetKey,
  selection,
  onSelectionChange,
}: {
  rows: readonly NetworkRow[];
  sort: NetworkSort;
  onSortBy(key: NetworkSortKey): void;
  scrollResetKey: string;
  selection: Selection;
  onSelectionChange(next: Selection): void;
}) {
  return (
    <DataTable
      label="Network list"
      testId="networks-scroll"
      rows={rows}
      columns={columns}
      getRowId={(row) => row.id}
      sort={{ column: sort.key, direction: sort.direction }}
      onSortBy={(column) => onSortBy(column as NetworkSortKey)}
      scrollResetKey={scrollResetKey}
      rowAttributes={(row) => ({
        'data-testid': 'network-row',
        'data-network': row.name,
        'data-network-id': row.id,
      })}
      selection={{ value: selection, onChange: onSelectionChange }}
    />
  );
}
