import {
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
}

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
  onClose(confirmed: boolean): void;
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
      </DialogContent>
      <DialogActions>
        <Button autoFocus onClick={() => onClose(false)}>
          Cancel
        </Button>
        <Button color="error" variant="contained" onClick={() => onClose(true)}>
          {request?.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * `const [dialog, confirm] = useConfirm()`: render `dialog`, and `await confirm({...})`
 * resolves true only when the user confirmed.
 */
export function useConfirm(): [ReactNode, (request: ConfirmRequest) => Promise<boolean>] {
  const [pending, setPending] = useState<
    { request: ConfirmRequest; resolve(confirmed: boolean): void } | undefined
  >(undefined);
  const confirm = useCallback(
    (request: ConfirmRequest) =>
      new Promise<boolean>((resolve) => setPending({ request, resolve })),
    [],
  );
  const dialog = (
    <ConfirmDialog
      request={pending?.request}
      onClose={(confirmed) => {
        pending?.resolve(confirmed);
        setPending(undefined);
      }}
    />
  );
  return [dialog, confirm];
}
