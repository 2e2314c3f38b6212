import { Alert, AlertTitle, Box } from '@mui/material';
import type { StowageError } from '../../shared';

/**
 * Why a query failed, in one place for every page. An unreachable engine gets its own title
 * and the promise that the page refreshes by itself; `stale` says the data shown below is
 * the last that was seen.
 */
export function QueryErrorAlert({
  error,
  failedTo,
  refreshes,
  staleNote,
  testId,
}: {
  error: StowageError;
  /** What could not be done: "list images", "read the engine’s details". */
  failedTo: string;
  /** What comes back by itself: "the list refreshes", "these details refresh". */
  refreshes: string;
  /** Set when older data is still shown: what it is. */
  staleNote?: string | undefined;
  testId: string;
}) {
  const unreachable = error.code === 'DOCKER_UNREACHABLE';
  return (
    <Alert severity={staleNote ? 'warning' : 'error'} data-testid={testId}>
      <AlertTitle>{unreachable ? 'Docker engine unreachable' : `Could not ${failedTo}`}</AlertTitle>
      {error.message}
      {unreachable && (
        <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
          Stowage reconnects automatically; {refreshes} as soon as the engine is back.
        </Box>
      )}
      {staleNote && (
        <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
          {staleNote}
        </Box>
      )}
    </Alert>
  );
}
