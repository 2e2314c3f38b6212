import { Box, Skeleton, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** Grey bars where the rows will be, announced as busy. */
export function ListLoading({
  testId,
  label,
  rows = 4,
}: {
  testId: string;
  label: string;
  rows?: number;
}) {
  return (
    <Box data-testid={testId} aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} variant="rounded" height={40} sx={{ mb: 1 }} />
      ))}
    </Box>
  );
}

/** What stands in for an empty list: why it is empty and what to do about it. */
export function ListNote({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <Typography data-testid={testId} color="text.secondary" sx={{ py: 4 }}>
      {children}
    </Typography>
  );
}
