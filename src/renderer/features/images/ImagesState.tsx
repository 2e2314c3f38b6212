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
      No images yet. Pull one with the Pull image button, or build one with the docker CLI; it will
      appear here.
    </Typography>
  );
}

export function ImagesNoMatch({ search, filter }: { search: string; filter?: string }) {
  const words = [
    filter && `are ${filter.toLowerCase()}`,
    search.trim() && `match “${search.trim()}”`,
  ];
  return (
    <Typography data-testid="images-no-match" color="text.secondary" sx={{ py: 4 }}>
      No images {words.filter(Boolean).join(' and ')}.
    </Typography>
  );
}
