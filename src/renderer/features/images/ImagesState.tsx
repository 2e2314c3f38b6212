import { Box, Skeleton, Typography } from '@mui/material';

export function ImagesLoading() {
  return (
    <Box data-testid="images-loading" aria-busy="true" aria-label="Loading images">
      {Array.from({ length: 6 }, (_, index) => (
        <Skeleton key={index} variant="rounded" height={40} sx={{ mb: 1 }} />
      ))}
    </Box>
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
