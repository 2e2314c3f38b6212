import { useStowageClient, useStowageQuery } from '../../api';
import { formatBytes } from '../../common/format';
import { PrunePreviewDialog } from '../../common/list/PrunePreviewDialog';
import { volumeNoun } from './volume-rows';

/**
 * Prune with a preview: the volumes no container uses, largest first, and the space they
 * hold; only the listed ones are removed, and only if still no container uses them.
 */
export function PruneVolumesDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const client = useStowageClient();
  const preview = useStowageQuery('volumes.prunePreview', {}, { enabled: open });
  return (
    <PrunePreviewDialog
      open={open}
      onClose={onClose}
      title="Prune volumes"
      noun={volumeNoun}
      description="Every volume that no container uses, running or stopped, named or anonymous. Their files are deleted for good."
      preview={{ ...preview, items: preview.data?.volumes }}
      reclaimedNote={preview.data && `${formatBytes(preview.data.reclaimableBytes)} comes back`}
      nothingToPrune="Nothing to prune: every volume is in use by a container."
      errorTestId="prune-volumes-error"
      itemKey={(volume) => volume.name}
      itemPrimary={(volume) => volume.name}
      itemSecondary={(volume) => (volume.size === null ? 'size unknown' : formatBytes(volume.size))}
      monospace
      prune={async (volumes) => {
        const result = await client.call('volumes.prune', {
          names: volumes.map((volume) => volume.name),
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
