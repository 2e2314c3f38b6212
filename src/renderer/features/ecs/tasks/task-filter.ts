import { shortArn, type EcsTask } from '../../../../shared';
import type { TaskFilter } from '../../../common/routes';
import { taskFamily } from '../map/instance-view';
import { instanceName } from '../map/task-lifecycle';

/** Where a task runs, as the filter names it: its instance id, or "Fargate". */
export function hostOf(task: EcsTask, ids: ReadonlyMap<string, string>): string {
  return task.launchType === 'FARGATE' ? 'Fargate' : instanceName(task.containerInstanceArn, ids);
}

/** Every word a task can be found by: ids, definition, host, zone, containers, why it stopped. */
function searchTextOf(task: EcsTask, ids: ReadonlyMap<string, string>): string {
  return [
    shortArn(task.taskArn),
    shortArn(task.taskDefinitionArn),
    hostOf(task, ids),
    task.availabilityZone,
    task.group,
    task.startedBy,
    task.stoppedReason,
    task.stopCode,
    ...(task.containers ?? []).map((container) => container.name),
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

/** The tasks the filter keeps (the desired status is the list asked for, not filtered here). */
export function filterTasks(
  tasks: readonly EcsTask[],
  filter: TaskFilter,
  ids: ReadonlyMap<string, string>,
): EcsTask[] {
  const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return tasks.filter(
    (task) =>
      (!filter.status || task.lastStatus === filter.status) &&
      (!filter.family || taskFamily(task) === filter.family) &&
      (!filter.launch || task.launchType === filter.launch) &&
      (!filter.where ||
        hostOf(task, ids) === filter.where ||
        task.availabilityZone === filter.where) &&
      words.every((word) => searchTextOf(task, ids).includes(word)),
  );
}

export interface FilterChoices {
  statuses: string[];
  families: string[];
  launchTypes: string[];
  /** Instance ids (and Fargate), then zones. */
  places: string[];
}

/** What each filter can be set to: the values the listed tasks have, sorted. */
export function filterChoices(
  tasks: readonly EcsTask[],
  ids: ReadonlyMap<string, string>,
): FilterChoices {
  const sorted = (values: (string | undefined)[]) =>
    [...new Set(values.filter((value): value is string => Boolean(value)))].sort();
  return {
    statuses: sorted(tasks.map((task) => task.lastStatus)),
    families: sorted(tasks.map(taskFamily)),
    launchTypes: sorted(tasks.map((task) => task.launchType)),
    places: [
      ...sorted(tasks.map((task) => hostOf(task, ids))),
      ...sorted(tasks.map((task) => task.availabilityZone)),
    ],
  };
}

/** The filter with one part set (or cleared, for an empty value). */
export function withFilter(filter: TaskFilter, key: keyof TaskFilter, value: string): TaskFilter {
  const next: TaskFilter = { ...filter };
  if (value) next[key] = value;
  else delete next[key];
  return next;
}

/** Whether anything but the desired status narrows the list. */
export function isNarrowed(filter: TaskFilter): boolean {
  return Boolean(filter.status || filter.family || filter.launch || filter.where || filter.q);
}
