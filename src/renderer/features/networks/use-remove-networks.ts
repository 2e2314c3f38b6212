import { useStowageClient } from '../../api';
import type { ConfirmAnswer, ConfirmRequest } from '../../common/ConfirmDialog';
import { useRemoveEach } from '../../common/list/use-remove-each';
import { networkNoun, type NetworkRow } from './network-rows';

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
export function useRemoveNetworks(confirm: (request: ConfirmRequest) => Promise<ConfirmAnswer>) {
  const client = useStowageClient();
  return useRemoveEach<NetworkRow>({
    confirm,
    request: networkRemovalRequest,
    removeOne: (row) => client.call('networks.remove', { network: row.id }),
    noun: networkNoun,
    rowName: (row) => row.name,
  });
}
