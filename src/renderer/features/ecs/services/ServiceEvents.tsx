import { Box, Typography } from '@mui/material';
import { memo } from 'react';
import type { EcsService } from '../../../../shared';
import { formatRelativeTime } from '../../../common/format';
import { useNow } from '../../../common/use-now';
import { eventsNewestFirst } from './service-view';

/** The service's events as ECS words them, newest first; live, as the service refetches. */
export function ServiceEvents({ service }: { service: EcsService }) {
  const now = useNow(15_000);
  const events = eventsNewestFirst(service);
  if (events.length === 0) {
    return (
      <Typography color="text.secondary" data-testid="service-events-empty">
        No events yet: ECS writes one here each time it starts or stops tasks, or cannot.
      </Typography>
    );
  }
  return (
    <Box
      component="ol"
      aria-label="Service events, newest first"
      data-testid="service-events"
      sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexDirection: 'column' }}
    >
      {events.map((event) => (
        <EventRow
          key={event.id}
          message={event.message ?? ''}
          when={event.createdAt ? formatRelativeTime(now, event.createdAt) : ''}
          at={event.createdAt ? new Date(event.createdAt).toISOString() : undefined}
        />
      ))}
    </Box>
  );
}

/** One event; drawn again only when its words or its age in words change. */
const EventRow = memo(function EventRow({
  message,
  when,
  at,
}: {
  message: string;
  when: string;
  at: string | undefined;
}) {
  return (
    <Box
      component="li"
      data-testid="service-event"
      sx={{
        position: 'relative',
        pl: 2.5,
        pb: 1.5,
        borderLeft: 2,
        borderColor: 'divider',
        ml: 0.75,
        '&::before': {
          content: '""',
          position: 'absolute',
          left: -6,
          top: 4,
          width: 10,
          height: 10,
          borderRadius: '50%',
          bgcolor: eventColor(message),
        },
      }}
    >
      <Typography variant="caption" color="text.secondary" title={at}>
        {when}
      </Typography>
      <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>
        {message}
      </Typography>
    </Box>
  );
});

/** Trouble in red, steady state in green, the rest neutral. */
function eventColor(message: string): string {
  if (/unable|failed|unhealthy|rolling back|circuit breaker/i.test(message)) return 'error.main';
  if (/steady state|deployment completed/i.test(message)) return 'success.main';
  return 'primary.main';
}
