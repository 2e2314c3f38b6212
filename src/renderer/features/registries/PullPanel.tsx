import { Alert, Stack } from '@mui/material';
import { useStowageStream } from '../../api';
import { StreamProgress } from '../../common/StreamProgress';
import { progressParts } from './registry-text';

/** A pull of one tag into the engine, with progress per layer; cancellable. */
export function PullPanel({ reference, onDismiss }: { reference: string; onDismiss(): void }) {
  const pull = useStowageStream('images.pull', { reference });
  const running = pull.status === 'running';
  return (
    <Stack sx={{ gap: 1 }} data-testid="registry-pull">
      <StreamProgress
        title={`Pulling ${reference}`}
        parts={progressParts(pull.items)}
        running={running}
        onCancel={pull.cancel}
      />
      {pull.status === 'done' && pull.result && (
        <Alert severity="success" onClose={onDismiss} data-testid="registry-pull-done">
          Pulled {pull.result.reference}: it is on the Images page now.
        </Alert>
      )}
      {pull.status === 'error' && pull.error && (
        <Alert severity="error" onClose={onDismiss} data-testid="registry-pull-error">
          {pull.error.message}
        </Alert>
      )}
      {pull.status === 'cancelled' && (
        <Alert severity="info" onClose={onDismiss}>
          The pull was cancelled.
        </Alert>
      )}
    </Stack>
  );
}
