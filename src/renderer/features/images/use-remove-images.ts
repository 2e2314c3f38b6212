import { useStowageClient } from '../../api';
import type { ConfirmRequest } from '../../common/ConfirmDialog';
import { useRemoveEach } from '../../common/list/use-remove-each';
import { danglingName, type ImageRow } from './image-rows';

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
  return useRemoveEach<ImageRow>({
    confirm,
    request: removalRequest,
    removeOne: async (row, force) => {
      const names = row.name === danglingName || force ? [row.id] : [row.name, ...row.extraTags];
      for (const image of names) await client.call('images.remove', { image, force });
    },
  });
}
