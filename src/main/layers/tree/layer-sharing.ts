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
