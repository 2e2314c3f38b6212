import PauseIcon from '@mui/icons-material/Pause';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { Box, Button, Chip, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useDeferredValue, useMemo, useState } from 'react';
import { StowageError } from '../../../shared';
import { useStowageQuery, useStowageStream } from '../../api';
import { DetailPanel } from '../../common/detail/DetailPanel';
import { formatRelativeTime } from '../../common/format';
import { JsonViewer } from '../../common/json/JsonViewer';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { SearchField } from '../../common/SearchField';
import { DataTable, type DataColumn } from '../../common/table/DataTable';
import { emptySelection, type Selection } from '../../common/table/selection';
import { useNow } from '../../common/use-now';
import { navigate, usePageRoute } from '../../common/use-route';
import { EcsEventLog } from './EcsEventLog';
import { actorName, matchesFilter, newestFirst, type EventRow } from './event-rows';

const objectTypes = ['container', 'image', 'volume', 'network', 'daemon', 'plugin'] as const;
/** How far back the log starts when the page opens. */
const historyMs = 15 * 60_000;

function eventColumns(now: number): DataColumn<EventRow>[] {
  return [
    {
      id: 'time',
      header: 'Time',
      width: 180,
      cell: ({ event }) => (
        <time
          dateTime={new Date(event.time).toISOString()}
          title={new Date(event.time).toLocaleString()}
        >
          {formatRelativeTime(now, event.time)}
        </time>
      ),
    },
    { id: 'type', header: 'Type', width: 120, cell: ({ event }) => event.type },
    { id: 'action', header: 'Action', width: 160, cell: ({ event }) => event.action },
    {
      id: 'actor',
      header: 'Object',
      identifying: true,
      cell: ({ event }) => actorName(event),
      title: ({ event }) => event.id,
    },
  ];
}

/** Docker's events and ECS's, one tab each; the tab is in the URL. */
function EventTabs({ view }: { view: 'docker' | 'ecs' }) {
  return (
    <Tabs
      value={view}
      aria-label="Event logs"
      onChange={(_event, next: 'docker' | 'ecs') =>
        navigate(next === 'ecs' ? { page: 'events', view: 'ecs' } : { page: 'events' })
      }
    >
      <Tab value="docker" label="Docker engine" />
      <Tab value="ecs" label="ECS" />
    </Tabs>
  );
}

export function EventsPage() {
  const route = usePageRoute('events');
  const status = useStowageQuery('engine.status', {});
  const connected = status.data?.state === 'connected';
  const [since] = useState(() => Date.now() - historyMs);
  // The log ends when the engine goes away and starts again from the same point once it is back.
  const log = useStowageStream('events.follow', { since }, { enabled: connected });
  const [paused, setPaused] = useState<number | undefined>(undefined);
  const [types, setTypes] = useState<ReadonlySet<string>>(new Set());
  const [text, setText] = useState('');
  const deferredText = useDeferredValue(text);
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const now = useNow(15_000);

  const shown = paused ?? log.items.length;
  const rows = useMemo(() => {
    const received = log.items.slice(0, shown).map((event, seq) => ({ seq, event }));
    return newestFirst(
      received.filter(({ event }) => matchesFilter(event, { types, text: deferredText })),
    );
  }, [log.items, shown, types, deferredText]);
  const columns = useMemo(() => eventColumns(now), [now]);
  const selectedSeq = [...selection.selected][0];
  const selected = rows.find((row) => String(row.seq) === selectedSeq);
  const toggleType = (type: string) =>
    setTypes((current) => {
      const next = new Set(current);
      if (next.has(type)) next.delete(type);
      else next.add(type);
      return next;
    });

  if (route.view === 'ecs') {
    return (
      <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, p: 3, gap: 2 }}>
        <Typography variant="h4" component="h1">
          Events
        </Typography>
        <EventTabs view="ecs" />
        <EcsEventLog />
      </Box>
    );
  }

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, p: 3, gap: 2 }}>
      <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 2 }}>
        <Box sx={{ flex: 1, minWidth: 200 }}>
          <Typography variant="h4" component="h1">
            Events
          </Typography>
          <Typography
            variant="body2"
            color="text.secondary"
            data-testid="event-count"
            aria-live="polite"
          >
            {rows.length} of {shown} events since {new Date(since).toLocaleTimeString()}
            {paused !== undefined &&
              log.items.length > paused &&
              ` · ${log.items.length - paused} new while paused`}
          </Typography>
        </Box>
        <SearchField label="Filter events" value={text} onChange={setText} sx={{ width: 280 }} />
        <Button
          variant="outlined"
          startIcon={paused === undefined ? <PauseIcon /> : <PlayArrowIcon />}
          onClick={() => setPaused(paused === undefined ? log.items.length : undefined)}
        >
          {paused === undefined ? 'Pause' : 'Resume'}
        </Button>
      </Stack>
      <EventTabs view="docker" />
      <Stack
        direction="row"
        sx={{ gap: 1, flexWrap: 'wrap' }}
        role="group"
        aria-label="Object types"
      >
        {objectTypes.map((type) => (
          <Chip
            key={type}
            label={type}
            clickable
            color={types.has(type) ? 'primary' : 'default'}
            variant={types.has(type) ? 'filled' : 'outlined'}
            aria-pressed={types.has(type)}
            onClick={() => toggleType(type)}
          />
        ))}
      </Stack>

      {log.error && log.error.code !== 'DOCKER_UNREACHABLE' && (
        <QueryErrorAlert
          error={log.error}
          failedTo="follow the event log"
          refreshes="the log resumes"
          testId="events-error"
        />
      )}
      {!connected && status.data && (
        <QueryErrorAlert
          error={
            new StowageError(
              'DOCKER_UNREACHABLE',
              status.data.message ?? 'The Docker engine is unreachable.',
            )
          }
          failedTo="follow the event log"
          refreshes="the log resumes"
          staleNote={shown > 0 ? 'The events below are those seen so far.' : undefined}
          testId="events-error"
        />
      )}
      {rows.length === 0 ? (
        <Typography color="text.secondary" data-testid="events-empty" sx={{ py: 4 }}>
          {shown === 0
            ? 'No events yet. Start, stop or build something and it shows up here as it happens.'
            : 'No events match the filter.'}
        </Typography>
      ) : (
        <DataTable
          label="Event log"
          testId="events-table"
          rows={rows}
          columns={columns}
          getRowId={(row) => String(row.seq)}
          rowAttributes={(row) => ({
            'data-testid': 'event-row',
            'data-type': row.event.type,
            'data-action': row.event.action,
          })}
          selection={{ value: selection, onChange: setSelection, mode: 'single' }}
        />
      )}
      {selected && (
        <DetailPanel
          title={`${selected.event.type} ${selected.event.action} · ${actorName(selected.event)}`}
          testId="event-detail"
          onClose={() => setSelection(emptySelection)}
          padded
          height={280}
        >
          <JsonViewer value={selected.event} label="event" />
        </DetailPanel>
      )}
    </Box>
  );
}
