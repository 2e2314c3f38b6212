import { Alert, AlertTitle, Box, Skeleton, Typography } from '@mui/material';
import type { StowageError } from '../../../shared';

export function ImagesLoading() {
  return (
    <Box data-testid="images-loading" aria-busy="true" aria-label="Loading images">
      {Array.from({ length: 6 }, (_, index) => (
        <Skeleton key={index} variant="rounded" height={40} sx={{ mb: 1 }} />
      ))}
    </Box>
  );
}

export function ImagesError({ error, stale }: { error: StowageError; stale: boolean }) {
  const unreachable = error.code === 'DOCKER_UNREACHABLE';
  return (
    <Alert severity={stale ? 'warning' : 'error'} data-testid="images-error" sx={{ mb: 2 }}>
      <AlertTitle>{unreachable ? 'Docker engine unreachable' : 'Could not list images'}</AlertTitle>
      {error.message}
      {unreachable && (
        <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
          Stowage reconnects automatically; the list refreshes as soon as the engine is back.
        </Box>
      )}
      {stale && (
        <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
          The images below are the last ones seen.
        </Box>
      )}
    </Alert>
  );
}

export function ImagesEmpty() {
  return (
    <Typography data-testid="images-empty" color="text.secondary" sx={{ py: 4 }}>
      No images yet. Build or pull one with the docker CLI; it will appear here.
    </Typography>
  );
}

export function ImagesNoMatch({ search }: { search: string }) {
  return (
    <Typography data-testid="images-no-match" color="text.secondary" sx={{ py: 4 }}>
      No images match “{search.trim()}”.
    </Typography>
  );
}
