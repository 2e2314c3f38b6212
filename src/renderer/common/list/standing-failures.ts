import type { RemovalFailure } from './use-remove-each';

/**
 * The removal failures whose cause still holds. A failure goes once its row is gone (removed
 * since, here or elsewhere); a refusal because something uses the row (`conflict`) also goes
 * once nothing does: `causeOf` names what uses a row now (the containers attached, say), empty
 * when nothing does. It is read from the rows as they are now, never from the row the removal
 * was asked for, which may predate what made the engine refuse.
 */
export function standingFailures<Row>(
  failures: readonly RemovalFailure<Row>[],
  rows: readonly Row[],
  rowKey: (row: Row) => string,
  causeOf: (row: Row) => string,
): RemovalFailure<Row>[] {
  const now = new Map(rows.map((row) => [rowKey(row), row]));
  return failures.filter((failure) => {
    const current = now.get(rowKey(failure.row));
    if (current === undefined) return false;
    return !failure.conflict || causeOf(current) !== '';
  });
}
