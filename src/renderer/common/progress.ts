/** One part of long work (a layer being pulled, a step being built). */
export interface ProgressPart {
  id: string;
  label: string;
  /** Bytes or steps done, and the total when it is known. */
  current: number;
  total?: number | undefined;
  state: 'waiting' | 'running' | 'done' | 'failed';
}

/**
 * Overall progress from the parts: the share of known totals done, or undefined while no
 * part knows its total (the bar is then indeterminate). Finished parts count as whole.
 */
export function overallPercent(parts: readonly ProgressPart[]): number | undefined {
  let done = 0;
  let total = 0;
  for (const part of parts) {
    if (part.total === undefined || part.total <= 0) {
      if (part.state === 'done') {
        done += 1;
        total += 1;
      }
      continue;
    }
    total += part.total;
    done += part.state === 'done' ? part.total : Math.min(part.current, part.total);
  }
  return total === 0 ? undefined : Math.round((done / total) * 100);
}
