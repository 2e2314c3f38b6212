import AddIcon from '@mui/icons-material/Add';
import { Box, Button, IconButton, Link, Stack, Tooltip, Typography } from '@mui/material';
import type { MouseEvent, ReactNode } from 'react';
import type { StowageError } from '../../../../shared';
import { QueryErrorAlert } from '../../../common/QueryErrorAlert';

/**
 * The frame of a cluster's list of one ECS resource (services, load balancers): the create
 * button and the count, why the list could not be read, what an empty list means and how to
 * fill it, then the table and the list's dialogs.
 */
export function ResourceList({
  createLabel,
  onCreate,
  count,
  error,
  failedTo,
  errorTestId,
  empty,
  children,
}: {
  createLabel: string;
  onCreate(): void;
  /** "2 services in demo", once the list is read. */
  count: string | undefined;
  error: StowageError | null;
  /** What failed, after "Could not": "list services". */
  failedTo: string;
  errorTestId: string;
  /** Shown when the list is read and empty. */
  empty: { testId: string; title: string; text: ReactNode } | undefined;
  /** The table (when there are rows) and the dialogs. */
  children: ReactNode;
}) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, minHeight: 0, flex: 1 }}>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center' }}>
        <Button variant="contained" startIcon={<AddIcon />} onClick={onCreate}>
          {createLabel}
        </Button>
        {count !== undefined && (
          <Typography variant="body2" color="text.secondary" sx={{ ml: 1 }}>
            {count}
          </Typography>
        )}
      </Stack>
      {error && (
        <QueryErrorAlert
          error={error}
          failedTo={failedTo}
          refreshes="the list refreshes"
          testId={errorTestId}
        />
      )}
      {empty && (
        <Box sx={{ py: 6, textAlign: 'center' }} data-testid={empty.testId}>
          <Typography variant="h6">{empty.title}</Typography>
          <Typography color="text.secondary" sx={{ maxWidth: 640, mx: 'auto' }}>
            {empty.text}
          </Typography>
        </Box>
      )}
      {children}
    </Box>
  );
}

/** A row's name that opens it; the click does not also choose the row. */
export function OpenLink({ onOpen, children }: { onOpen(): void; children: ReactNode }) {
  return (
    <Link
      component="button"
      onClick={(event: MouseEvent) => {
        event.stopPropagation();
        onOpen();
      }}
      sx={{ fontWeight: 500, maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis' }}
    >
      {children}
    </Link>
  );
}

/** An icon button in a row's actions, named for screen readers and explained on hover. */
export function RowAction({
  title,
  label,
  icon,
  onClick,
}: {
  title: string;
  /** "Delete web": the action and the row it acts on. */
  label: string;
  icon: ReactNode;
  onClick(): void;
}) {
  return (
    <Tooltip title={title}>
      <IconButton
        size="small"
        aria-label={label}
        onClick={(event) => {
          event.stopPropagation();
          onClick();
        }}
      >
        {icon}
      </IconButton>
    </Tooltip>
  );
}
