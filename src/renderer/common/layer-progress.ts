import type { PullProgress } from '../../shared';
import type { ProgressPart } from './progress';

const doneStatuses =
  /^(Pull complete|Already exists|Download complete|Pushed|Layer already exists|Mounted from .+)$/;
const waitingStatuses = /^(Waiting|Pulling fs layer|Preparing)$/;

/** A pull's or push's lines folded into one row per layer, each at its latest state. */
export function layerParts(items: readonly PullProgress[]): ProgressPart[] {
  const parts = new Map<string, ProgressPart>();
  for (const item of items) {
    // Lines about the whole pull ("Pulling from …", "Digest: …") carry no layer id, or the tag.
    if (!item.id || !/^[0-9a-f]{12}$/.test(item.id)) continue;
    const previous = parts.get(item.id);
    const done = doneStatuses.test(item.status);
    parts.set(item.id, {
      id: item.id,
      label: item.id,
      current: item.current ?? (done ? (previous?.total ?? 0) : (previous?.current ?? 0)),
      total: item.total ?? previous?.total,
      state: done ? 'done' : waitingStatuses.test(item.status) ? 'waiting' : 'running',
    });
  }
  return [...parts.values()];
}
