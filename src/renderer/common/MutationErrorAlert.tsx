import { Alert, AlertTitle } from '@mui/material';
import type { StowageMutation } from '../api';

/**
 * Why a change failed, the one way every page shows it: the message Stowage or the engine gave,
 * closable, gone as soon as the change is tried again.
 */
export function MutationErrorAlert({
  mutation,
  title,
  testId,
}: {
  mutation: Pick<StowageMutation, 'error' | 'clear'>;
  /** What went wrong, above the message ("ECS refused the task definition"). */
  title?: string;
  testId?: string;
}) {
  if (!mutation.error) return null;
  return (
    <Alert severity="error" onClose={mutation.clear} data-testid={testId}>
      {title && <AlertTitle>{title}</AlertTitle>}
      {mutation.error.message}
    </Alert>
  );
}
