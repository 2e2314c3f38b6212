import { useState } from 'react';
import { StowageError } from '../../../shared';
import type { ConfirmRequest } from '../ConfirmDialog';

export interface RemovalFailure<Row> {
  row: Row;
  message: string;
  /** The engine refused because of the thing's state (something uses it): force may help. */
  conflict: boolean;
}

/**
 * Removes rows one by one after a confirmation, and keeps what failed and why; a failure
 * does not stop the rest.
 */
export function useRemoveEach<Row>({
  confirm,
  request,
  removeOne,
}: {
  confirm(request: ConfirmRequest): Promise<boolean>;
  request(rows: readonly Row[], force: boolean): ConfirmRequest;
  removeOne(row: Row, force: boolean): Promise<unknown>;
}) {
  const [failures, setFailures] = useState<RemovalFailure<Row>[]>([]);
  const [busy, setBusy] = useState(false);

  const remove = async (rows: readonly Row[], force = false): Promise<void> => {
    if (rows.length === 0 || !(await confirm(request(rows, force)))) return;
    setBusy(true);
    const failed: RemovalFailure<Row>[] = [];
    for (const row of rows) {
      try {
        await removeOne(row, force);
      } catch (error) {
        const problem =
          error instanceof StowageError ? error : new StowageError('INTERNAL', String(error));
        failed.push({ row, message: problem.message, conflict: problem.code === 'CONFLICT' });
      }
    }
    setFailures(failed);
    setBusy(false);
  };

  return { remove, failures, busy, dismiss: () => setFailures([]) };
}
