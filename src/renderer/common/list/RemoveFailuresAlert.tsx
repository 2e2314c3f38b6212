import { Alert, Box, Button } from '@mui/material';
import { standingFailures } from './standing-failures';
import type { RemovalFailure } from './use-remove-each';

/**
 * What could not be removed and why; when some failed only because something uses them and
 * force can help, a "Force remove" for those. Given the rows as they are now, a failure whose
 * cause has gone (see standingFailures) is no longer shown.
 */
export function RemoveFailuresAlert<Row>({
  failures,
  rowKey,
  rowName,
  onForce,
  onDismiss,
  current,
}: {
  failures: readonly RemovalFailure<Row>[];
  rowKey(row: Row): string;
  rowName(row: Row): string;
  /** Left out where force cannot help. */
  onForce?: (rows: Row[]) => void;
  onDismiss(): void;
  current?: { rows: readonly Row[]; causeOf(row: Row): string };
}) {
  const shown = current
    ? standingFailures(failures, current.rows, rowKey, current.causeOf)
    : failures;
  if (shown.length === 0) return null;
  const conflicts = shown.filter((failure) => failure.conflict).map((failure) => failure.row);
  return (
    <Alert
      severity="error"
      data-testid="remove-error"
      onClose={onDismiss}
      action={
        onForce && conflicts.length > 0 ? (
          <Button color="inherit" size="small" onClick={() => onForce(conflicts)}>
            Force remove
          </Button>
        ) : undefined
      }
    >
      {shown.map((failure) => (
        <Box key={rowKey(failure.row)}>
          Could not remove {rowName(failure.row)}: {failure.message}
        </Box>
      ))}
    </Alert>
  );
}
