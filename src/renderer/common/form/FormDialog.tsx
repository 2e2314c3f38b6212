import {
  Alert,
  AlertTitle,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  type DialogProps,
} from '@mui/material';
import { useId, type FormEvent, type ReactNode } from 'react';
import type { StowageMutation } from '../../api';
import { MutationErrorAlert } from '../MutationErrorAlert';

/**
 * The frame of every dialog that asks for input and makes one change: a title, the fields, a
 * summary of what stops the change, the change's refusal, and Cancel beside the primary action.
 * Enter in a one-line field submits (it is a form), Esc and Cancel close, and while the change
 * is under way the primary action shows a spinner and cannot be pressed again. The dialog owns
 * its fields and shows each problem at its field; the frame only summarises.
 */
export function FormDialog({
  open = true,
  title,
  onClose,
  onSubmit,
  submitLabel,
  mutation,
  disabled = false,
  problems = [],
  errorTitle,
  errorTestId,
  showError = true,
  closeLabel = 'Cancel',
  maxWidth = 'sm',
  dividers = false,
  secondaryAction,
  children,
}: {
  open?: boolean;
  title: ReactNode;
  onClose(): void;
  /** Called on the primary action or Enter, never while `disabled` or busy. */
  onSubmit(): void | Promise<void>;
  submitLabel: string;
  /** The change this dialog makes: its busy state and its refusal. */
  mutation: StowageMutation;
  /** True while the fields cannot make a valid change (an empty required field, a problem). */
  disabled?: boolean;
  /** What stops the change, one line each; shown above the actions while there is any. */
  problems?: readonly string[];
  /** What went wrong, above the refusal's message ("ECS refused the task definition"). */
  errorTitle?: string;
  errorTestId?: string;
  /** False when the dialog shows the refusal at a field instead (a taken name). */
  showError?: boolean;
  closeLabel?: string;
  maxWidth?: DialogProps['maxWidth'];
  /** Lines above and below a body that scrolls. */
  dividers?: boolean;
  /** One more button, left of Cancel ("Reset to example"). */
  secondaryAction?: ReactNode;
  children: ReactNode;
}) {
  const titleId = useId();
  const blocked = disabled || mutation.busy;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!blocked) void onSubmit();
  };
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth={maxWidth} aria-labelledby={titleId}>
      {/* display: contents keeps the paper's column layout, so the body scrolls alone. */}
      <Box component="form" noValidate onSubmit={submit} sx={{ display: 'contents' }}>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent dividers={dividers}>
          <Stack sx={{ gap: 2, pt: dividers ? 0 : 1 }}>{children}</Stack>
        </DialogContent>
        {/* Outside the body, so a long form's summary and refusal show without scrolling. */}
        {(problems.length > 0 || (showError && mutation.error)) && (
          <Stack
            sx={{
              gap: 1,
              px: 3,
              pt: dividers ? 2 : 0,
              maxHeight: '30vh',
              overflowY: 'auto',
              flexShrink: 0,
            }}
          >
            {problems.length > 0 && (
              <Alert severity="warning" data-testid="form-problems">
                <AlertTitle>
                  {problems.length === 1 ? 'One thing to fix' : `${problems.length} things to fix`}
                </AlertTitle>
                <Box component="ul" sx={{ m: 0, pl: 2 }}>
                  {problems.map((problem, index) => (
                    <li key={index}>{problem}</li>
                  ))}
                </Box>
              </Alert>
            )}
            {showError && (
              <MutationErrorAlert mutation={mutation} title={errorTitle} testId={errorTestId} />
            )}
          </Stack>
        )}
        <DialogActions>
          {secondaryAction}
          <Button onClick={onClose}>{closeLabel}</Button>
          <Button
            type="submit"
            variant="contained"
            disabled={blocked}
            aria-busy={mutation.busy}
            startIcon={
              mutation.busy ? <CircularProgress size={16} color="inherit" aria-hidden /> : undefined
            }
          >
            {submitLabel}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
