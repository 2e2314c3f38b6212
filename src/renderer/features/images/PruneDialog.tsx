import { FormControlLabel, Radio, RadioGroup } from '@mui/material';
import { useState } from 'react';
import type { PruneScope } from '../../../shared';
import { useStowageClient, useStowageQuery } from '../../api';
import { formatBytes } from '../../common/format';
import { PrunePreviewDialog } from '../../common/list/PrunePreviewDialog';
import { shortImageId } from './image-id';
import { imageNoun } from './image-rows';

const scopeLabels: Record<PruneScope, string> = {
  dangling: 'Dangling images only (untagged, unused)',
  unused: 'Every image no container uses',
};

/**
 * Prune with a preview: the images that would go, largest first, and the space that comes
 * back; only the listed images are removed, and only if they still qualify.
 */
export function PruneDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const client = useStowageClient();
  const [scope, setScope] = useState<PruneScope>('dangling');
  const preview = useStowageQuery('images.prunePreview', { scope }, { enabled: open });
  return (
    <PrunePreviewDialog
      open={open}
      onClose={onClose}
      title="Prune images"
      noun={imageNoun}
      description="Images go with all their tags; layers that other images share stay."
      options={(busy) => (
        <RadioGroup value={scope} onChange={(event) => setScope(event.target.value as PruneScope)}>
          {(Object.keys(scopeLabels) as PruneScope[]).map((value) => (
            <FormControlLabel
              key={value}
              value={value}
              control={<Radio />}
              label={scopeLabels[value]}
              disabled={busy}
            />
          ))}
        </RadioGroup>
      )}
      optionsKey={scope}
      preview={{ ...preview, items: preview.data?.images }}
      reclaimedNote={
        preview.data && `at least ${formatBytes(preview.data.reclaimableBytes)} comes back`
      }
      nothingToPrune="Nothing to prune: no image falls in this scope."
      errorTestId="prune-error"
      itemKey={(image) => image.id}
      itemPrimary={(image) => image.repoTags.join(', ') || `${shortImageId(image.id)} (untagged)`}
      itemSecondary={(image) =>
        `${formatBytes(image.size)} · created ${new Date(image.created).toLocaleDateString()}`
      }
      prune={async (images) => {
        const result = await client.call('images.prune', {
          scope,
          ids: images.map((image) => image.id),
        });
        return {
          removed: result.removed.length,
          kept: result.kept.map((kept) => ({
            key: kept.id,
            label: shortImageId(kept.id),
            reason: kept.reason,
          })),
        };
      }}
    />
  );
}
