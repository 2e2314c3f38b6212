import { taskStages, type MapTask, type TaskStage } from './task-lifecycle';

/** A zone with more instances than this shows them in a scrolling window, not all at once. */
export const cardsWindowAbove = 12;

/** An instance (or the Fargate lane) shows this many task chips before summing up the rest. */
export const chipLimit = 24;

/** Stopped tasks listed under an instance before the rest are only counted. */
export const stoppedLimit = 5;

export type StageCounts = Record<TaskStage, number>;

/** How many of the entries are in each stage. */
export function stageCounts(entries: readonly MapTask[]): StageCounts {
  const counts: StageCounts = { starting: 0, running: 0, stopping: 0, stopped: 0 };
  for (const entry of entries) counts[entry.stage]++;
  return counts;
}

/** "320 running · 13 starting": the stages that have tasks, in the legend's order. */
export function stageCountsText(counts: StageCounts): string {
  return taskStages
    .filter((stage) => counts[stage] > 0)
    .map((stage) => `${counts[stage]} ${stage}`)
    .join(' · ');
}

export interface ZoneSummary {
  instances: number;
  counts: StageCounts;
  /** Tasks of the zone that are picked out (not stopped), when something is. */
  highlighted: number | undefined;
}

/** What a zone's column says above its instances: counts that stay readable at any size. */
export function zoneSummary(
  instanceArns: readonly string[],
  hosts: ReadonlyMap<string, readonly MapTask[]>,
  highlight: ReadonlySet<string> | undefined,
): ZoneSummary {
  const counts: StageCounts = { starting: 0, running: 0, stopping: 0, stopped: 0 };
  let highlighted = 0;
  for (const arn of instanceArns) {
    for (const entry of hosts.get(arn) ?? []) {
      counts[entry.stage]++;
      if (entry.stage !== 'stopped' && highlight?.has(entry.task.taskArn ?? '')) highlighted++;
    }
  }
  return {
    instances: instanceArns.length,
    counts,
    highlighted: highlight ? highlighted : undefined,
  };
}

export interface Shortened<T> {
  shown: readonly T[];
  /** What is left out, by stage; all zero when everything is shown. */
  hidden: StageCounts;
  hiddenCount: number;
}

/** The first `limit` entries, and the stages of the rest. */
export function shorten(entries: readonly MapTask[], limit: number): Shortened<MapTask> {
  const rest = entries.slice(limit);
  return { shown: entries.slice(0, limit), hidden: stageCounts(rest), hiddenCount: rest.length };
}

/** Items in rows of `perRow`, the last one shorter; windowed lists draw a row at a time. */
export function inRows<T>(items: readonly T[], perRow: number): T[][] {
  const rows: T[][] = [];
  for (let start = 0; start < items.length; start += perRow) {
    rows.push(items.slice(start, start + perRow));
  }
  return rows;
}

const picked = (highlight: ReadonlySet<string> | undefined, entry: MapTask) =>
  highlight?.has(entry.task.taskArn ?? '') ?? false;

/**
 * Whether two renders of an instance's tasks draw the same: the same task records (records are
 * replaced, never changed, so identity is enough) in the same stages and fade, picked out
 * alike. An instance whose tasks did not change is not drawn again when others' do.
 */
export function sameMapTasks(
  previous: readonly MapTask[],
  next: readonly MapTask[],
  previousHighlight: ReadonlySet<string> | undefined,
  nextHighlight: ReadonlySet<string> | undefined,
): boolean {
  if (previous === next && previousHighlight === nextHighlight) return true;
  if (previous.length !== next.length) return false;
  if ((previousHighlight === undefined) !== (nextHighlight === undefined)) return false;
  return previous.every((entry, index) => {
    const other = next[index];
    return (
      other !== undefined &&
      entry.task === other.task &&
      entry.stage === other.stage &&
      entry.opacity === other.opacity &&
      picked(previousHighlight, entry) === picked(nextHighlight, other)
    );
  });
}
