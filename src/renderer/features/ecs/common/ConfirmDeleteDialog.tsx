import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import { useId, type ReactNode } from 'react';
import type { StowageMutation } from '../../../api';
import { MutationErrorAlert } from '../../../common/MutationErrorAlert';

/**
 * The frame of an ECS delete confirmation: the question, what goes with it (`children`), the
 * refusal if the delete failed, and Cancel (focused, so Enter does not delete) beside the
 * delete button, disabled while the delete runs.
 */
export function ConfirmDeleteDialog({
  title,
  mutation,
  errorTitle,
  errorTestId,
  confirmLabel = 'Delete',
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  mutation: StowageMutation;
  /** What did not happen, above the refusal ("The service was not deleted"). */
  errorTitle: string;
  errorTestId: string;
  confirmLabel?: string;
  onConfirm(): void;
  onClose(): void;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <Stack sx={{ gap: 2 }}>
          {children}
          <MutationErrorAlert mutation={mutation} title={errorTitle} testId={errorTestId} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button autoFocus onClick={onClose}>
          Cancel
        </Button>
        <Button color="error" variant="contained" disabled={mutation.busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
