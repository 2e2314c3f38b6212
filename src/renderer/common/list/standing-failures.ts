import type { RemovalFailure } from './use-remove-each';

/**
 * The removal failures whose cause still holds. A failure goes once its row is gone (removed
 * since, here or elsewhere) or once what caused it has changed: `causeOf` names the state a
 * failure depends on (the containers attached, say), and a different state now means the
 * message no longer describes the thing.
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
    return current !== undefined && causeOf(current) === causeOf(failure.row);
  });
}
