import { Alert, AlertTitle } from '@mui/material';
import type { ReactNode } from 'react';
import type { StowageMutation } from '../api';

/**
 * Why a change failed, the one way every page shows it: the message Stowage or the engine gave,
 * closable, gone as soon as the change is tried again.
 */
export function MutationErrorAlert({
  mutation,
  title,
  testId,
  action,
}: {
  mutation: Pick<StowageMutation, 'error' | 'clear'>;
  /** What went wrong, above the message ("ECS refused the task definition"). */
  title?: string;
  testId?: string;
  /** A way out the failure suggests ("Force disconnect"). */
  action?: ReactNode;
}) {
  if (!mutation.error) return null;
  return (
    <Alert severity="error" onClose={mutation.clear} data-testid={testId} action={action}>
      {title && <AlertTitle>{title}</AlertTitle>}
      {mutation.error.message}
    </Alert>
  );
}
