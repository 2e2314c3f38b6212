import { useStowageClient, useStowageQuery } from '../../api';
import { formatBytes } from '../../common/format';
import { PrunePreviewDialog } from '../../common/list/PrunePreviewDialog';
import { readableStatus } from './container-status';

/** Lists the stopped containers a prune removes and the space that comes back, then prunes them. */
export function PruneDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const client = useStowageClient();
  const preview = useStowageQuery('containers.prunePreview', {}, { enabled: open });
  const names = new Map((preview.data?.containers ?? []).map((c) => [c.id, c.name]));
  return (
    <PrunePreviewDialog
      open={open}
      onClose={onClose}
      title="Prune stopped containers"
      noun={{ one: 'stopped container', many: 'stopped containers' }}
      description="Every container that is not running (created, exited or dead) goes, with its read-write layer. Named volumes stay."
      preview={{ ...preview, items: preview.data?.containers }}
      reclaimedNote={preview.data && `${formatBytes(preview.data.reclaimableBytes)} comes back`}
      nothingToPrune="No stopped containers: nothing to prune."
      errorTestId="prune-error"
      itemKey={(container) => container.id}
      itemPrimary={(container) => container.name}
      itemSecondary={(container) =>
        `${container.image} · ${readableStatus(container.status)} · ${formatBytes(container.sizeRw)}`
      }
      prune={async (containers) => {
        const result = await client.call('containers.prune', {
          ids: containers.map((container) => container.id),
        });
        return {
          removed: result.removed.length,
          kept: result.kept.map((kept) => ({
            key: kept.id,
            label: names.get(kept.id) ?? kept.id.slice(0, 12),
            reason: kept.reason,
          })),
        };
      }}
    />
  );
}
