import { useState } from 'react';
import { StowageError } from '../../../shared';
import type { ConfirmAnswer, ConfirmRequest } from '../ConfirmDialog';
import { useToast } from '../toast';
import { counted, type Noun } from './count-label';

export interface RemovalFailure<Row> {
  row: Row;
  message: string;
  /** The engine refused because of the thing's state (something uses it): force may help. */
  conflict: boolean;
}

/** "Removed app:1.0", "Removed 3 images". */
export function removedMessage<Row>(
  removed: readonly Row[],
  noun: Noun,
  name: (row: Row) => string,
) {
  const [only] = removed;
  return removed.length === 1 && only !== undefined
    ? `Removed ${name(only)}`
    : `Removed ${counted(removed.length, noun)}`;
}

/**
 * Removes rows one by one after a confirmation, and keeps what failed and why; a failure
 * does not stop the rest. What went is told in a toast.
 */
export function useRemoveEach<Row>({
  confirm,
  request,
  removeOne,
  noun,
  rowName,
}: {
  confirm(request: ConfirmRequest): Promise<ConfirmAnswer>;
  request(rows: readonly Row[], force: boolean): ConfirmRequest;
  removeOne(row: Row, force: boolean): Promise<unknown>;
  noun: Noun;
  rowName(row: Row): string;
}) {
  const [failures, setFailures] = useState<RemovalFailure<Row>[]>([]);
  const [busy, setBusy] = useState(false);
  const toast = useToast();

  const remove = async (rows: readonly Row[], force = false): Promise<void> => {
    if (rows.length === 0) return;
    const answer = await confirm(request(rows, force));
    if (!answer) return;
    // The confirmation can offer force up front when it knows that something uses them.
    const forced = force || answer === 'force';
    setBusy(true);
    const failed: RemovalFailure<Row>[] = [];
    const removed: Row[] = [];
    for (const row of rows) {
      try {
        await removeOne(row, forced);
        removed.push(row);
      } catch (error) {
        const problem =
          error instanceof StowageError ? error : new StowageError('INTERNAL', String(error));
        failed.push({ row, message: problem.message, conflict: problem.code === 'CONFLICT' });
      }
    }
    setFailures(failed);
    setBusy(false);
    if (removed.length > 0) toast.show({ message: removedMessage(removed, noun, rowName) });
  };

  return { remove, failures, busy, dismiss: () => setFailures([]) };
}
