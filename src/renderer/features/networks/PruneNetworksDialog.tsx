import { useStowageClient, useStowageQuery } from '../../api';
import { PrunePreviewDialog } from '../../common/list/PrunePreviewDialog';
import { networkNoun } from './network-rows';

/** Prune with a preview: your networks with no container attached; only those go. */
export function PruneNetworksDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const client = useStowageClient();
  const preview = useStowageQuery('networks.prunePreview', {}, { enabled: open });
  return (
    <PrunePreviewDialog
      open={open}
      onClose={onClose}
      title="Prune networks"
      noun={networkNoun}
      description="Every network of your own that no container, running or stopped, is attached to. The predefined bridge, host and none stay."
      preview={{ ...preview, items: preview.data?.networks }}
      nothingToPrune="Nothing to prune: every network of yours has containers."
      errorTestId="prune-networks-error"
      itemKey={(network) => network.id}
      itemPrimary={(network) => network.name}
      itemSecondary={(network) => `${network.driver} · ${network.id.slice(0, 12)}`}
      prune={async (networks) => {
        const result = await client.call('networks.prune', {
          ids: networks.map((network) => network.id),
        });
        return {
          removed: result.removed.length,
          kept: result.kept.map((kept) => ({
            key: kept.name,
            label: kept.name,
            reason: kept.reason,
          })),
        };
      }}
    />
  );
}
