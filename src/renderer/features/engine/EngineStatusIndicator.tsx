import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import { Box, Chip, CircularProgress, Tooltip } from '@mui/material';
import type { EngineStatus } from '../../../shared';
import { useStowageQuery } from '../../api';
import { useNow } from '../../common/use-now';
import { describeEndpoint, engineName, retryText, statusLabels } from './engine-format';

const chipColors = {
  connecting: 'default',
  connected: 'success',
  unreachable: 'error',
} as const;

function StatusIcon({ state }: { state: EngineStatus['state'] }) {
  switch (state) {
    case 'connected':
      return <CheckCircleIcon />;
    case 'unreachable':
      return <ErrorIcon />;
    case 'connecting':
      // The chip styles its icon's box; the spinner rotates inside a still wrapper instead.
      return (
        <Box component="span" sx={{ display: 'inline-flex', p: '3px' }}>
          <CircularProgress size={14} color="inherit" aria-hidden="true" />
        </Box>
      );
  }
}

function StatusDetails({ status }: { status: EngineStatus | undefined }) {
  const unreachable = status?.state === 'unreachable';
  const now = useNow(1000, unreachable && status.nextAttemptAt !== undefined);
  if (!status) return 'Asking the Stowage service about the engine…';
  const retry = unreachable ? retryText(now, status.nextAttemptAt) : undefined;
  return (
    <Box data-testid="engine-status-details">
      <div>{describeEndpoint(status.endpoint)}</div>
      {unreachable && status.message && <div>{status.message}</div>}
      {retry && <div>{retry[0]?.toUpperCase() + retry.slice(1)}</div>}
    </Box>
  );
}

/** The always-visible state of the Docker engine connection, kept live by status events. */
export function EngineStatusIndicator() {
  const { data: status } = useStowageQuery('engine.status', {});
  const state = status?.state ?? 'connecting';

  return (
    <Tooltip title={<StatusDetails status={status} />} describeChild arrow>
      <Chip
        data-testid="engine-status"
        data-state={state}
        data-engine={status ? engineName(status.endpoint) : undefined}
        label={
          status ? (
            <>
              {statusLabels[state]} ·{' '}
              <Box component="span" data-testid="engine-status-name" sx={{ fontWeight: 600 }}>
                {engineName(status.endpoint)}
              </Box>
            </>
          ) : (
            statusLabels[state]
          )
        }
        icon={<StatusIcon state={state} />}
        color={chipColors[state]}
        variant={state === 'connected' ? 'outlined' : 'filled'}
        tabIndex={0}
        sx={{
          '&:focus-visible': {
            outline: '2px solid',
            outlineColor: 'primary.main',
            outlineOffset: 2,
          },
        }}
      />
    </Tooltip>
  );
}
