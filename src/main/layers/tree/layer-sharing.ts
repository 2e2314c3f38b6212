import { createHash } from 'node:crypto';

/**
 * ChainIDs of a stack of layers, oldest first: `C0 = D0`, `Cn = sha256(C(n-1) + " " + Dn)`.
 * Equal ChainIDs mean the same layer over the same layers below it.
 */
export function chainIds(diffIds: readonly string[]): string[] {
  const chain: string[] = [];
  for (const diffId of diffIds) {
    const below = chain.at(-1);
    chain.push(
      below === undefined
        ? diffId
        : `sha256:${createHash('sha256').update(`${below} ${diffId}`).digest('hex')}`,
    );
  }
  return chain;
}

export interface HistoryEntry {
  CreatedBy?: string;
  Size?: number;
}

/** Instructions that never make a layer, as the builders write them. */
const metadataOnly =
  /^(?:\/bin\/sh -c )?#\(nop\)|^(?:ENV|CMD|ENTRYPOINT|EXPOSE|LABEL|USER|ARG|HEALTHCHECK|ONBUILD|STOPSIGNAL|SHELL|VOLUME|MAINTAINER)\b/;

/**
 * Matches `GET /images/{id}/history` (newest first) to the image's layers (oldest first).
 * History has no empty-layer flag, so an entry makes a layer when it has bytes or is not a
 * metadata instruction; when that does not give one entry per layer, the entries with bytes
 * are taken, and failing that the layers get no instruction and no size.
 */
export function layersFromHistory(
  history: readonly HistoryEntry[],
  layerCount: number,
): { instruction: string; size: number }[] | undefined {
  const oldestFirst = [...history].reverse();
  const candidates = [
    oldestFirst.filter(
      (entry) => (entry.Size ?? 0) > 0 || !metadataOnly.test((entry.CreatedBy ?? '').trim()),
    ),
    oldestFirst.filter((entry) => (entry.Size ?? 0) > 0),
  ];
  const matching = candidates.find((entries) => entries.length === layerCount);
  return matching?.map((entry) => ({
    instruction: entry.CreatedBy ?? '',
    size: Math.max(0, entry.Size ?? 0),
  }));
}

/**
 * Per image, the bytes of its layers that another of the images has at the same place
 * (same ChainID), and the bytes only it has.
 */
export function sharedAndUniqueBytes(
  stacks: readonly { layers: readonly { chainId: string; size: number }[] }[],
): { sharedBytes: number; uniqueBytes: number }[] {
  const users = new Map<string, number>();
  for (const stack of stacks) {
    for (const chainId of new Set(stack.layers.map((layer) => layer.chainId))) {
      users.set(chainId, (users.get(chainId) ?? 0) + 1);
    }
  }
  return stacks.map((stack) => {
    let sharedBytes = 0;
    let uniqueBytes = 0;
    for (const layer of stack.layers) {
      if ((users.get(layer.chainId) ?? 0) > 1) sharedBytes += layer.size;
      else uniqueBytes += layer.size;
    }
    return { sharedBytes, uniqueBytes };
  });
}

/**
 * One size for one layer, whichever image it is seen in. A layer's size is its tar's file
 * bytes, measured by an analysis; the history's figure is only an estimate (the engine also
 * counts each symlink's target name), so a measured size wins for every stack with that
 * ChainID, and a stack whose layers are all measured that way has exact sizes.
 */
export function withMeasuredSizes<
  Stack extends { layers: readonly { chainId: string; size: number }[]; exactSizes: boolean },
>(stacks: readonly Stack[]): Stack[] {
  const measured = new Map<string, number>();
  for (const stack of stacks) {
    if (!stack.exactSizes) continue;
    for (const layer of stack.layers) measured.set(layer.chainId, layer.size);
  }
  return stacks.map((stack) => {
    if (stack.exactSizes) return stack;
    const layers = stack.layers.map((layer) => ({
      ...layer,
      size: measured.get(layer.chainId) ?? layer.size,
    }));
    return {
      ...stack,
      layers,
      exactSizes: stack.layers.every((layer) => measured.has(layer.chainId)),
    };
  });
}
