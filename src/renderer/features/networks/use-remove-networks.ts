import { useState } from 'react';
import { useStowageClient } from '../../api';
import type { ConfirmRequest } from '../../common/ConfirmDialog';
import type { NetworkRow } from './network-rows';

export interface NetworkRemovalFailure {
  row: NetworkRow;
  message: string;
}

export function networkRemovalRequest(rows: readonly NetworkRow[]): ConfirmRequest {
  const count = rows.length === 1 ? 'this network' : `these ${rows.length} networks`;
  return {
    title: `Remove ${count}?`,
    message:
      'Networks that containers are attached to are left alone: disconnect those containers first.',
    items: rows.map((row) =>
      row.subnets.length ? `${row.name} (${row.subnets.join(', ')})` : row.name,
    ),
    confirmLabel: 'Remove',
  };
}

/** Removes networks one by one and keeps what failed and why. */
export function useRemoveNetworks(confirm: (request: ConfirmRequest) => Promise<boolean>) {
  const client = useStowageClient();
  const [failures, setFailures] = useState<NetworkRemovalFailure[]>([]);
  const [busy, setBusy] = useState(false);

  const remove = async (rows: readonly NetworkRow[]): Promise<void> => {
    if (rows.length === 0 || !(await confirm(networkRemovalRequest(rows)))) return;
    setBusy(true);
    const failed: NetworkRemovalFailure[] = [];
    for (const row of rows) {
      try {
        await client.call('networks.remove', { network: row.id });
      } catch (error) {
        failed.push({ row, message: (error as Error).message });
      }
    }
    setFailures(failed);
    setBusy(false);
  };

  return { remove, failures, busy, dismiss: () => setFailures([]) };
}
