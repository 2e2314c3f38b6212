import { useStowageClient } from '../../api';
import type { ConfirmRequest } from '../../common/ConfirmDialog';
import { useRemoveEach } from '../../common/list/use-remove-each';
import type { VolumeRow } from './volume-rows';

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
  return useRemoveEach<VolumeRow>({
    confirm,
    request: volumeRemovalRequest,
    removeOne: (row, force) => client.call('volumes.remove', { name: row.name, force }),
  });
}
