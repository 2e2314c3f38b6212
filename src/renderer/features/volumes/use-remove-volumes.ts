import { useStowageClient } from '../../api';
import type { ConfirmAnswer, ConfirmRequest } from '../../common/ConfirmDialog';
import { inUseWarning } from '../../common/list/in-use';
import { useRemoveEach } from '../../common/list/use-remove-each';
import { volumeNoun, type VolumeRow } from './volume-rows';

/**
 * What to say before removing these volumes; with force, the containers that go too. When
 * some are in use it says by what, before anything is tried, and offers force there.
 */
export function volumeRemovalRequest(rows: readonly VolumeRow[], force: boolean): ConfirmRequest {
  const count = rows.length === 1 ? 'this volume' : `these ${rows.length} volumes`;
  const users = [...new Set(rows.flatMap((row) => row.containers))];
  const inUse = force
    ? undefined
    : inUseWarning(
        rows.map((row) => ({ name: row.name, users: row.containers })),
        'removes those containers first (running ones are stopped).',
      );
  return {
    title: force ? `Force-remove ${count}?` : `Remove ${count}?`,
    message: force
      ? `Their files are deleted, and the containers that use them are removed first (running ones are stopped): ${users.join(', ') || 'none'}.`
      : 'Their files are deleted for good. Volumes that containers use are left alone.',
    items: rows.map((row) =>
      row.containers.length > 0 ? `${row.name} (used by ${row.containers.join(', ')})` : row.name,
    ),
    confirmLabel: force ? 'Force remove' : 'Remove',
    ...(inUse ? { inUse } : {}),
  };
}

/** Removes volumes one by one and keeps what failed and why. */
export function useRemoveVolumes(confirm: (request: ConfirmRequest) => Promise<ConfirmAnswer>) {
  const client = useStowageClient();
  return useRemoveEach<VolumeRow>({
    confirm,
    request: volumeRemovalRequest,
    removeOne: (row, force) => client.call('volumes.remove', { name: row.name, force }),
    noun: volumeNoun,
    rowName: (row) => row.name,
  });
}
