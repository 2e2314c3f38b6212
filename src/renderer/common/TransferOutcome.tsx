import { Alert } from '@mui/material';
import type { StowageStream } from '../api';
import { layerParts } from './layer-progress';
import { StreamProgress } from './StreamProgress';

/**
 * A pull or push under way and how it ended: progress per layer with Cancel, then what was
 * done, the error, or that it was cancelled.
 */
export function TransferOutcome({
  transfer,
  verb,
  reference,
  doneMessage,
  testIdPrefix,
  onDismiss,
}: {
  transfer: StowageStream<'images.pull'> | StowageStream<'images.push'>;
  verb: 'pull' | 'push';
  reference: string;
  doneMessage: string | undefined;
  testIdPrefix: string;
  onDismiss?: () => void;
}) {
  const running = transfer.status === 'running';
  const dismiss = onDismiss ? { onClose: onDismiss } : {};
  return (
    <>
      <StreamProgress
        title={`${verb === 'pull' ? 'Pulling' : 'Pushing'} ${reference}`}
        parts={layerParts(transfer.items)}
        running={running}
        onCancel={transfer.cancel}
      />
      {transfer.status === 'done' && doneMessage && (
        <Alert severity="success" data-testid={`${testIdPrefix}-done`} {...dismiss}>
          {doneMessage}
        </Alert>
      )}
      {transfer.status === 'error' && transfer.error && (
        <Alert severity="error" data-testid={`${testIdPrefix}-error`} {...dismiss}>
          {transfer.error.message}
        </Alert>
      )}
      {transfer.status === 'cancelled' && (
        <Alert severity="info" {...dismiss}>
          The {verb} was cancelled.
        </Alert>
      )}
    </>
  );
}
