import { Alert, Box, Button, Skeleton, Typography } from '@mui/material';
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

/**
 * Where the URL names an item that is no longer there (removed since the link was made, or
 * in another tab): says so, with the way back to the whole list, rather than an empty pane.
 */
export function RoutedItemGone({
  testId,
  noun,
  plural,
  name,
  onBack,
}: {
  testId: string;
  noun: string;
  plural: string;
  /** How the URL names it: a short id or a name. */
  name: string;
  onBack(): void;
}) {
  return (
    <Alert
      severity="info"
      data-testid={testId}
      action={
        <Button color="inherit" size="small" onClick={onBack}>
          Show all {plural}
        </Button>
      }
    >
      This {noun} was removed: {name} is no longer on the engine.
    </Alert>
  );
}

/**
 * Where the URL names several items chosen and some are no longer listed: names those and
 * says why, so a reload after a removal does not quietly choose fewer than the link said.
 */
export function RoutedItemsGone({
  testId,
  plural,
  names,
  why,
  onDismiss,
}: {
  testId: string;
  plural: string;
  /** How the URL names them: short ids or names. */
  names: readonly string[];
  /** What likely became of them, and where to look. */
  why: string;
  onDismiss(): void;
}) {
  return (
    <Alert severity="info" data-testid={testId} onClose={onDismiss}>
      {names.length === 1 ? 'One' : names.length} of the {plural} chosen in this link{' '}
      {names.length === 1 ? 'is' : 'are'} no longer listed: {names.join(', ')}. {why}
    </Alert>
  );
}
