import { Box, Chip, CircularProgress, Link, Tooltip } from '@mui/material';
import { useMemo } from 'react';
import type { ContainerHealth, ContainerState, ContainerSummary } from '../../../shared';
import { formatDuration, formatMemory, formatRelativeTime } from '../../common/format';
import { DataTable, type DataColumn } from '../../common/table/DataTable';
import type { Selection } from '../../common/table/selection';
import { useNow } from '../../common/use-now';
import {
  portLabel,
  portUrl,
  type ContainerSort,
  type ContainerSortKey,
  type TableRow,
} from './container-rows';
import { exitCodeOf, exitMeaning, readableStatus } from './container-status';
import {
  pendingLabel,
  stopTimeoutNote,
  usePendingActions,
  type PendingAction,
} from './pending-actions';

const stateColors: Record<ContainerState, 'success' | 'warning' | 'default' | 'error' | 'info'> = {
  running: 'success',
  paused: 'warning',
  restarting: 'info',
  created: 'default',
  removing: 'default',
  exited: 'default',
  dead: 'error',
};
const healthColors: Record<ContainerHealth, 'success' | 'error' | 'info' | 'default'> = {
  healthy: 'success',
  unhealthy: 'error',
  starting: 'info',
  none: 'default',
};

// Shared style objects: a row mounted while scrolling styles nothing anew.
const chipsSx = { display: 'flex', gap: 0.5 } as const;
const portsSx = { display: 'flex', gap: 1, overflow: 'hidden' } as const;

/** A stop, restart or kill the engine has not finished: what, for how long, spinning. */
function PendingChip({ pending }: { pending: PendingAction }) {
  const now = useNow(1_000);
  const chip = (
    <Chip
      size="small"
      label={pendingLabel(pending, now)}
      color="warning"
      variant="outlined"
      icon={
        <CircularProgress size={12} color="inherit" aria-hidden data-testid="pending-spinner" />
      }
      data-testid="container-state"
      data-pending={pending.action}
      role="status"
    />
  );
  return pending.action === 'stop' || pending.action === 'restart' ? (
    <Tooltip title={stopTimeoutNote}>{chip}</Tooltip>
  ) : (
    chip
  );
}

/** "exited (137)", explained on hover, for the codes that say more than "it failed". */
function stateLabel(state: ContainerState, status: string): { label: string; title?: string } {
  const code = state === 'exited' ? exitCodeOf(status) : undefined;
  if (code === undefined) return { label: state };
  const meaning = exitMeaning(code);
  return meaning
    ? { label: `exited (${code})`, title: `Exit code ${code}: ${meaning}` }
    : { label: `exited (${code})` };
}

export function StateChip({
  id,
  state,
  health,
  status,
}: {
  id: string;
  state: ContainerState;
  health: ContainerHealth;
  status: string;
}) {
  const pending = usePendingActions().get(id);
  const { label, title } = stateLabel(state, status);
  const chip = (
    <Chip
      size="small"
      label={label}
      color={stateColors[state]}
      variant={state === 'running' ? 'filled' : 'outlined'}
      data-testid="container-state"
    />
  );
  return (
    <Box sx={chipsSx}>
      {pending ? (
        <PendingChip pending={pending} />
      ) : title ? (
        <Tooltip title={title}>{chip}</Tooltip>
      ) : (
        chip
      )}
      {health !== 'none' && (
        <Chip size="small" variant="outlined" label={health} color={healthColors[health]} />
      )}
    </Box>
  );
}

function Ports({ container }: { container: ContainerSummary }) {
  if (container.ports.length === 0) return null;
  return (
    <Box sx={portsSx}>
      {container.ports.map((port) => {
        const url = portUrl(port);
        const label = portLabel(port);
        return url ? (
          <Link
            key={label}
            href={url}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="port-link"
            onClick={(event) => event.stopPropagation()}
          >
            {label}
          </Link>
        ) : (
          <Box component="span" key={label} sx={{ color: 'text.secondary' }}>
            {label}
          </Box>
        );
      })}
    </Box>
  );
}

const formatPercent = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} %`;
/** A running container's first reading is a second or two away; the others have none. */
const notRead = (container: ContainerSummary) => (container.state === 'running' ? '…' : '—');

/** Each ticks on its own: the rows around them are not rendered again every second. */
function Uptime({ since }: { since: number }) {
  return formatDuration(useNow(1_000) - since);
}
function Age({ of }: { of: number }) {
  return formatRelativeTime(useNow(5_000), of);
}

function containerColumns(): DataColumn<TableRow>[] {
  const only = (render: (container: ContainerSummary) => React.ReactNode) => (row: TableRow) =>
    row.kind === 'container' ? render(row.container) : null;
  return [
    {
      id: 'name',
      header: 'Name',
      sortable: true,
      identifying: true,
      cell: only((container) => container.name),
      title: (row) => (row.kind === 'container' ? row.container.name : row.label),
    },
    {
      id: 'image',
      header: 'Image',
      sortable: true,
      identifying: true,
      cell: only((container) => container.image),
      title: (row) => (row.kind === 'container' ? row.container.image : ''),
    },
    {
      id: 'state',
      header: 'State',
      width: 180,
      sortable: true,
      cell: only((container) => (
        <StateChip
          id={container.id}
          state={container.state}
          health={container.health}
          status={container.status}
        />
      )),
      title: (row) => (row.kind === 'container' ? readableStatus(row.container.status) : ''),
    },
    {
      id: 'uptime',
      header: 'Uptime',
      width: 130,
      priority: 3,
      sortable: true,
      cell: only((container) =>
        container.startedAt ? <Uptime since={container.startedAt} /> : '—',
      ),
    },
    {
      id: 'cpu',
      header: 'CPU',
      width: 80,
      numeric: true,
      sortable: true,
      cell: (row) =>
        row.kind === 'container' && (
          <span data-testid="container-cpu">
            {row.usage ? formatPercent(row.usage.cpuPercent) : notRead(row.container)}
          </span>
        ),
    },
    {
      id: 'memory',
      header: 'Memory',
      width: 100,
      numeric: true,
      sortable: true,
      cell: (row) =>
        row.kind === 'container' && (
          <span data-testid="container-memory">
            {row.usage ? formatMemory(row.usage.memoryUsage) : notRead(row.container)}
          </span>
        ),
      title: (row) =>
        row.kind === 'container' && row.usage
          ? `${formatMemory(row.usage.memoryUsage)} of ${formatMemory(row.usage.memoryLimit)}`
          : '',
    },
    {
      id: 'ports',
      header: 'Ports',
      width: 180,
      cell: only((c) => <Ports container={c} />),
    },
    {
      id: 'created',
      header: 'Created',
      width: 150,
      priority: 2,
      sortable: true,
      cell: only((container) => <Age of={container.created} />),
    },
  ];
}

export function ContainersTable({
  rows,
  sort,
  onSortBy,
  scrollResetKey,
  selection,
  onSelectionChange,
  onToggleGroup,
}: {
  rows: readonly TableRow[];
  sort: ContainerSort;
  onSortBy(key: ContainerSortKey): void;
  scrollResetKey: string;
  selection: Selection;
  onSelectionChange(next: Selection): void;
  onToggleGroup(id: string): void;
}) {
  const columns = useMemo(() => containerColumns(), []);
  return (
    <DataTable
      label="Container list"
      testId="containers-scroll"
      rows={rows}
      columns={columns}
      getRowId={(row) => row.id}
      sort={{ column: sort.key, direction: sort.direction }}
      onSortBy={(column) => column !== 'ports' && onSortBy(column as ContainerSortKey)}
      scrollResetKey={scrollResetKey}
      rowAttributes={(row): Record<string, string> =>
        row.kind === 'group'
          ? { 'data-testid': 'container-group' }
          : {
              'data-testid': 'container-row',
              'data-container-id': row.id,
              'data-container-name': row.container.name,
              'data-state': row.container.state,
            }
      }
      selection={{ value: selection, onChange: onSelectionChange }}
      groupHeading={(row) => (row.kind === 'group' ? row : undefined)}
      onToggleGroup={onToggleGroup}
    />
  );
}
