import { useMemo } from 'react';
import type { ContainerSummary } from '../../../shared';
import { useStowageClient, useStowageQuery } from '../../api';
import type { ConfirmAnswer, ConfirmRequest } from '../../common/ConfirmDialog';
import { inUseWarning } from '../../common/list/in-use';
import { useRemoveEach } from '../../common/list/use-remove-each';
import { danglingName, imageNoun, type ImageRow } from './image-rows';

/** The names of the containers made from each image, by image id. */
export type ImageUsers = ReadonlyMap<string, readonly string[]>;
const nobody: ImageUsers = new Map();

export function imageUsers(containers: readonly ContainerSummary[]): ImageUsers {
  const users = new Map<string, string[]>();
  for (const container of containers) {
    users.set(container.imageId, [...(users.get(container.imageId) ?? []), container.name]);
  }
  return users;
}

const imageName = (row: ImageRow) =>
  row.name === danglingName ? `${row.shortId} (untagged)` : row.name;

/**
 * What to say before removing these images, naming every one; when containers use some, it
 * says which before anything is tried, and offers force there.
 */
export function removalRequest(
  rows: readonly ImageRow[],
  force: boolean,
  users: ImageUsers = nobody,
): ConfirmRequest {
  const count = rows.length === 1 ? 'this image' : `these ${rows.length} images`;
  const inUse = force
    ? undefined
    : inUseWarning(
        rows.map((row) => ({
          name: imageName(row),
          users:
            users.get(row.id) ??
            (row.containers > 0
              ? [`${row.containers} container${row.containers > 1 ? 's' : ''}`]
              : []),
        })),
        'removes the image anyway; stopped containers keep what they have, and an image a running container uses cannot go.',
      );
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
    ...(inUse ? { inUse } : {}),
  };
}

/**
 * Removes images one by one, each by its tags (the last tag takes the image with it) or by
 * id when it has none, and keeps what failed and why.
 */
export function useRemoveImages(confirm: (request: ConfirmRequest) => Promise<ConfirmAnswer>) {
  const client = useStowageClient();
  const containers = useStowageQuery('containers.list', { all: true });
  const users = useMemo(() => imageUsers(containers.data ?? []), [containers.data]);
  return useRemoveEach<ImageRow>({
    confirm,
    request: (rows, force) => removalRequest(rows, force, users),
    removeOne: async (row, force) => {
      const names = row.name === danglingName || force ? [row.id] : [row.name, ...row.extraTags];
      for (const image of names) await client.call('images.remove', { image, force });
    },
    noun: imageNoun,
    rowName: imageName,
  });
}
