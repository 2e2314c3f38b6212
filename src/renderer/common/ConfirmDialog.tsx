import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
} from '@mui/material';
import { useCallback, useState, type ReactNode } from 'react';

export interface ConfirmRequest {
  title: string;
  /** One sentence on what happens: "These images and their tags are removed." */
  message: string;
  /** The things that go, by name, so nobody removes what they did not mean to. */
  items: readonly string[];
  confirmLabel: string;
  /**
   * Said before the user confirms when some of them are in use (and by what), with a second
   * way to confirm that forces the removal.
   */
  inUse?: { message: string; forceLabel: string };
}

/** Cancelled (false), confirmed (true), or confirmed with force (from `inUse`). */
export type ConfirmAnswer = boolean | 'force';

const shownItems = 20;

/**
 * A confirmation before anything is destroyed: it names what goes, Cancel has the focus, and
 * Escape or a click outside cancels.
 */
export function ConfirmDialog({
  request,
  onClose,
}: {
  request: ConfirmRequest | undefined;
  onClose(answer: ConfirmAnswer): void;
}) {
  const items = request?.items ?? [];
  return (
    <Dialog
      open={request !== undefined}
      onClose={() => onClose(false)}
      aria-labelledby="confirm-title"
    >
      <DialogTitle id="confirm-title">{request?.title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{request?.message}</DialogContentText>
        <List dense data-testid="confirm-items" sx={{ maxHeight: 280, overflow: 'auto' }}>
          {items.slice(0, shownItems).map((item) => (
            <ListItem key={item} disableGutters>
              <ListItemText
                primary={item}
                slotProps={{ primary: { sx: { fontFamily: 'monospace' } } }}
              />
            </ListItem>
          ))}
          {items.length > shownItems && (
            <ListItem disableGutters>
              <ListItemText secondary={`and ${items.length - shownItems} more`} />
            </ListItem>
          )}
        </List>
        {request?.inUse && (
          <Alert severity="warning" data-testid="confirm-in-use">
            {request.inUse.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button autoFocus onClick={() => onClose(false)}>
          Cancel
        </Button>
        {request?.inUse && (
          <Button color="error" variant="outlined" onClick={() => onClose('force')}>
            {request.inUse.forceLabel}
          </Button>
        )}
        <Button color="error" variant="contained" onClick={() => onClose(true)}>
          {request?.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * `const [dialog, confirm] = useConfirm()`: render `dialog`, and `await confirm({...})`
 * resolves true when the user confirmed, 'force' when they chose force, false otherwise.
 */
export function useConfirm(): [ReactNode, (request: ConfirmRequest) => Promise<ConfirmAnswer>] {
  const [pending, setPending] = useState<
    { request: ConfirmRequest; resolve(answer: ConfirmAnswer): void } | undefined
  >(undefined);
  const confirm = useCallback(
    (request: ConfirmRequest) =>
      new Promise<ConfirmAnswer>((resolve) => setPending({ request, resolve })),
    [],
  );
  const dialog = (
    <ConfirmDialog
      request={pending?.request}
      onClose={(answer) => {
        pending?.resolve(answer);
        setPending(undefined);
      }}
    />
  );
  return [dialog, confirm];
}
