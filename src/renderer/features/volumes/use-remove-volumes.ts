import { useState } from 'react';
import { StowageError } from '../../../shared';
import { useStowageClient } from '../../api';
import type { ConfirmRequest } from '../../common/ConfirmDialog';
import type { VolumeRow } from './volume-rows';

export interface VolumeRemovalFailure {
  row: VolumeRow;
  message: string;
  /** Containers use it: removing them with it (force) would do. */
  conflict: boolean;
}

/** What to say before removing these volumes; with force, the containers that go too. */
export function volumeRemovalRequest(rows: readonly VolumeRow[], force: boolean): ConfirmRequest {
  const count = rows.length === 1 ? 'this volume' : `these ${rows.length} volumes`;
  const users = [...new Set(rows.flatMap((row) => row.containers))];
  return {
    title: force ? `Force-remove ${count}?` : `Remove ${count}?`,
    message: force
      ? `Their files are deleted, and the containers that use them are removed first (running ones are stopped): ${users.join(', ') || 'none'}.`
      : 'Their files are deleted for good. Volumes that containers use are left alone.',
    items: rows.map((row) =>
      row.containers.length > 0 ? `${row.name} (used by ${row.containers.join(', ')})` : row.name,
    ),
    confirmLabel: force ? 'Force remove' : 'Remove',
  };
}

/** Removes volumes one by one and keeps what failed and why. */
export function useRemoveVolumes(confirm: (request: ConfirmRequest) => Promise<boolean>) {
  const client = useStowageClient();
  const [failures, setFailures] = useState<VolumeRemovalFailure[]>([]);
  const [busy, setBusy] = useState(false);

  const remove = async (rows: readonly VolumeRow[], force = false): Promise<void> => {
    if (rows.length === 0 || !(await confirm(volumeRemovalRequest(rows, force)))) return;
    setBusy(true);
    const failed: VolumeRemovalFailure[] = [];
    for (const row of rows) {
      try {
        await client.call('volumes.remove', { name: row.name, force });
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
