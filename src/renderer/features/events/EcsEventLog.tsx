import { Box, Stack, Typography } from '@mui/material';
import { useDeferredValue, useMemo, useState } from 'react';
import { useStowageQuery } from '../../api';
import { formatRelativeTime } from '../../common/format';
import { JsonViewer } from '../../common/json/JsonViewer';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { SearchField } from '../../common/SearchField';
import { DataTable, type DataColumn } from '../../common/table/DataTable';
import { emptySelection, type Selection } from '../../common/table/selection';
import { useNow } from '../../common/use-now';
import { ecsEventRow, ecsRowMatches, type EcsEventRow } from './ecs-event-rows';

function columns(now: number): DataColumn<EcsEventRow>[] {
  return [
    {
      id: 'time',
      header: 'Time',
      width: 140,
      cell: ({ event }) => (
        <time
          dateTime={new Date(event.time).toISOString()}
          title={new Date(event.time).toLocaleString()}
        >
          {formatRelativeTime(now, event.time)}
        </time>
      ),
    },
    {
      id: 'kind',
      header: 'Event',
      width: 180,
      cell: (row) => row.kind,
      title: (row) => row.event.detailType,
    },
    { id: 'cluster', header: 'Cluster', width: 100, cell: (row) => row.cluster },
    {
      id: 'resource',
      header: 'Task / instance',
      width: 150,
      monospace: true,
      cell: (row) => row.resource,
      title: (row) => row.event.resourceArn,
    },
    {
      id: 'context',
      header: 'Definition / where',
      width: 190,
      cell: (row) => row.context,
      title: (row) => row.context,
    },
    {
      id: 'status',
      header: 'Last status',
      width: 130,
      cell: (row) => row.status,
      title: (row) => (row.desired === '' ? 'status' : 'lastStatus'),
    },
    {
      id: 'desired',
      header: 'Desired',
      width: 100,
      cell: (row) => row.desired,
      title: () => 'desiredStatus',
    },
    { id: 'reason', header: 'Reason', cell: (row) => row.reason, title: (row) => row.reason },
  ];
}

/**
 * The simulated ECS's events as ECS sends them to EventBridge: a task state change for every
 * move of a task's lastStatus or desiredStatus, a container instance state change for every
 * move of an instance's status or agent. Live: every change of the control plane refetches.
 */
export function EcsEventLog() {
  const events = useStowageQuery('ecs.events.list', {});
  const [text, setText] = useState('');
  const deferredText = useDeferredValue(text);
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const now = useNow(15_000);
  const all = useMemo(() => (events.data ?? []).map(ecsEventRow), [events.data]);
  const rows = useMemo(
    () => all.filter((row) => ecsRowMatches(row, deferredText)),
    [all, deferredText],
  );
  const shownColumns = useMemo(() => columns(now), [now]);
  const selected = rows.find((row) => selection.selected.has(row.event.id));

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, gap: 2 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography
          variant="body2"
          color="text.secondary"
          sx={{ flex: 1, minWidth: 200 }}
          data-testid="ecs-event-count"
          aria-live="polite"
        >
          {rows.length} of {all.length} ECS events since the control plane opened, newest first
        </Typography>
        <SearchField
          label="Filter ECS events"
          value={text}
          onChange={setText}
          sx={{ width: 280 }}
        />
      </Stack>
      {events.error && (
        <QueryErrorAlert
          error={events.error}
          failedTo="read the ECS events"
          refreshes="the log refreshes"
          testId="ecs-events-error"
        />
      )}
      {events.data && rows.length === 0 ? (
        <Typography color="text.secondary" data-testid="ecs-events-empty" sx={{ py: 4 }}>
          {all.length === 0
            ? 'No ECS events yet. Run a task or drain an instance on the ECS page and its state changes show up here.'
            : 'No ECS events match the filter.'}
        </Typography>
      ) : (
        <DataTable
          label="ECS event log"
          testId="ecs-events-table"
          rows={rows}
          columns={shownColumns}
          getRowId={(row) => row.event.id}
          rowAttributes={(row) => ({
            'data-testid': 'ecs-event-row',
            'data-detail-type': row.event.detailType,
            'data-last-status': row.event.lastStatus ?? row.event.status ?? '',
          })}
          selection={{ value: selection, onChange: setSelection }}
        />
      )}
      {selected && (
        <Box sx={{ height: 240, flexShrink: 0, display: 'flex', flexDirection: 'column' }}>
          <JsonViewer value={selected.event} label="ECS event" />
        </Box>
      )}
    </Box>
  );
}
