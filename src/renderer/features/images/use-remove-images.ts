import { useState } from 'react';
import { StowageError } from '../../../shared';
import { useStowageClient } from '../../api';
import type { ConfirmRequest } from '../../common/ConfirmDialog';
import { danglingName, type ImageRow } from './image-rows';

export interface RemovalFailure {
  row: ImageRow;
  message: string;
  /** The engine refused because of the image's state (a container uses it): force may help. */
  conflict: boolean;
}

/** What to say before removing these images, naming every one. */
export function removalRequest(rows: readonly ImageRow[], force: boolean): ConfirmRequest {
  const count = rows.length === 1 ? 'this image' : `these ${rows.length} images`;
  return {
    title: force ? `Force-remove ${count}?` : `Remove ${count}?`,
    message: force
      ? 'They are removed even though containers use them; those containers keep what they have.'
      : 'Each image goes with all its tags. Images that containers use are left alone.',
    items: rows.map((row) =>
      row.name === danglingName
        ? `${row.shortId} (untagged)`
        : [row.name, ...row.extraTags].join(', '),
    ),
    confirmLabel: force ? 'Force remove' : 'Remove',
  };
}

/**
 * Removes images one by one, each by its tags (the last tag takes the image with it) or by
 * id when it has none, and keeps what failed and why.
 */
export function useRemoveImages(confirm: (request: ConfirmRequest) => Promise<boolean>) {
  const client = useStowageClient();
  const [failures, setFailures] = useState<RemovalFailure[]>([]);
  const [busy, setBusy] = useState(false);

  const remove = async (rows: readonly ImageRow[], force = false): Promise<void> => {
    if (rows.length === 0 || !(await confirm(removalRequest(rows, force)))) return;
    setBusy(true);
    const failed: RemovalFailure[] = [];
    for (const row of rows) {
      const names =
        row.name === danglingName ? [row.id] : force ? [row.id] : [row.name, ...row.extraTags];
      try {
        for (const image of names) await client.call('images.remove', { image, force });
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
