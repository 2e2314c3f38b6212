import { Alert, Box, Button } from '@mui/material';
import type { RemovalFailure } from './use-remove-each';

/**
 * What could not be removed and why; when some failed only because something uses them and
 * force can help, a "Force remove" for those.
 */
export function RemoveFailuresAlert<Row>({
  failures,
  rowKey,
  rowName,
  onForce,
  onDismiss,
}: {
  failures: readonly RemovalFailure<Row>[];
  rowKey(row: Row): string;
  rowName(row: Row): string;
  /** Left out where force cannot help. */
  onForce?: (rows: Row[]) => void;
  onDismiss(): void;
}) {
  if (failures.length === 0) return null;
  const conflicts = failures.filter((failure) => failure.conflict).map((failure) => failure.row);
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
      {failures.map((failure) => (
        <Box key={rowKey(failure.row)}>
          Could not remove {rowName(failure.row)}: {failure.message}
        </Box>
      ))}
    </Alert>
  );
}
