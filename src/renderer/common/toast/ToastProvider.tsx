import CloseIcon from '@mui/icons-material/Close';
import { Alert, Box, Button, IconButton, Snackbar } from '@mui/material';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { navigate } from '../use-route';
import { ToastContext, type ToastInput, type Toaster } from './toast-context';

interface ShownToast extends ToastInput {
  id: number;
}

/** Enough to read a short sentence; hovering a toast or leaving the window pauses it. */
const shownFor = 6_000;
/** Older toasts give way, so a burst of removals cannot cover the page. */
const mostShown = 4;

const stackSx = {
  position: 'fixed',
  // Right, so a toast never covers the navigation rail on the left.
  right: 24,
  bottom: 24,
  zIndex: 'snackbar',
  display: 'flex',
  flexDirection: 'column',
  gap: 1,
  maxWidth: 'min(560px, calc(100vw - 48px))',
  pointerEvents: 'none',
} as const;
// The snackbars sit in the stack above instead of each fixing itself to the same corner.
const snackbarSx = { position: 'static', transform: 'none', pointerEvents: 'auto' } as const;

/** Shows the app's toasts, newest at the bottom, each leaving on its own after a while. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ShownToast[]>([]);
  const nextId = useRef(0);
  const dismiss = useCallback(
    (id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)),
    [],
  );
  const toaster = useMemo<Toaster>(
    () => ({
      show: (toast) => {
        const id = ++nextId.current;
        setToasts((current) => [...current, { ...toast, id }].slice(-mostShown));
      },
    }),
    [],
  );
  return (
    <ToastContext value={toaster}>
      {children}
      <Box sx={stackSx} data-testid="toasts">
        {toasts.map((toast) => (
          <Snackbar
            key={toast.id}
            open
            autoHideDuration={shownFor}
            onClose={(_event, reason) => reason !== 'clickaway' && dismiss(toast.id)}
            sx={snackbarSx}
          >
            <Alert
              severity={toast.severity ?? 'success'}
              variant="filled"
              data-testid="toast"
              action={
                <>
                  {toast.link && (
                    <Button
                      color="inherit"
                      size="small"
                      onClick={() => {
                        if (toast.link) navigate(toast.link.route);
                        dismiss(toast.id);
                      }}
                    >
                      {toast.link.label}
                    </Button>
                  )}
                  <IconButton
                    color="inherit"
                    size="small"
                    aria-label="Dismiss"
                    onClick={() => dismiss(toast.id)}
                  >
                    <CloseIcon fontSize="small" />
                  </IconButton>
                </>
              }
              sx={{ alignItems: 'center', minWidth: 280 }}
            >
              {toast.message}
            </Alert>
          </Snackbar>
        ))}
      </Box>
    </ToastContext>
  );
}
