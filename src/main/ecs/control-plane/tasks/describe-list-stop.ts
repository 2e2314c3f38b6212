import type {
  Container,
  DescribeTasksResponse,
  Failure,
  ListTasksResponse,
  StopTaskResponse,
  Task,
} from '@aws-sdk/client-ecs';
import { arns, resourceIdOf } from '../core/arns';
import { activeCluster } from '../clusters/operations';
import {
  compact,
  deepFreeze,
  sharedView,
  withWireValue,
  toDate,
  type Outcome,
  type PlaneContext,
} from '../core/context';
import { EcsApiError } from '../core/ecs-api-error';
import { findInstance } from '../instances/operations';
import { paginate } from '../core/pagination';
import { Params } from '../core/params';
import {
  ownEntry,
  taskTimeFields,
  type ClusterRecord,
  type ContainerRecord,
  type TaskRecord,
} from '../core/state';
import { requestStop } from './lifecycle';

/** Members of a task record that are the control plane's own, never sent. */
const internalTaskFields: ReadonlySet<string> = new Set([
  'family',
  'serviceName',
  'reservedPorts',
  'cpuUnits',
  'memoryMiB',
  'networkMode',
]);
const internalContainerFields: ReadonlySet<string> = new Set(['essential', 'healthChecked']);
const timeFields: ReadonlySet<string> = new Set(taskTimeFields);

/**
 * Each record's response, made once (records are replaced, never changed) and shared frozen:
 * describing a task again costs a look-up, and its wire form is cached with it.
 */
const taskViews = new WeakMap<TaskRecord, { plain?: Task; tagged?: Task }>();

/**
 * The response for a record an operation has just made (RunTask, StartTask, StopTask): the
 * next step of the task replaces the record within a reconcile pass or two, so its view is
 * made for this one answer rather than cached, and dies young.
 */
export function freshTask(record: TaskRecord): Task {
  const view = taskView(record, false);
  // Its only Dates are the times at the top; the members below are the record's own.
  const wire: Record<string, unknown> = { ...view };
  for (const key of taskTimeFields) {
    const time = record[key];
    if (time !== undefined) wire[key] = time / 1000;
  }
  return withWireValue(view, wire);
}

export function toTask(record: TaskRecord, include: readonly string[] = []): Task {
  const tagged = include.includes('TAGS');
  let views = taskViews.get(record);
  if (!views) {
    views = {};
    taskViews.set(record, views);
  }
  let view = tagged ? views.tagged : views.plain;
  if (!view) {
    view = sharedView(taskView(record, tagged));
    if (tagged) views.tagged = view;
    else views.plain = view;
  }
  return view;
}

/**
 * A task's response. Its members are the record's own (records are replaced, never changed,
 * so what a record holds can be shared), frozen so no caller can change them; only the
 * members that differ from the record's are new: Dates for times, containers without the
 * control plane's own `essential` and `healthChecked`.
 */
function taskView(record: TaskRecord, tagged: boolean): Task {
  const task: Record<string, unknown> = {};
  const source = record as unknown as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined || internalTaskFields.has(key)) continue;
    if (timeFields.has(key)) task[key] = toDate(value as number);
    else if (key === 'containers') task[key] = Object.freeze(record.containers.map(toContainer));
    else if (key !== 'tags' || tagged) task[key] = deepFreeze(value);
  }
  return task as Task;
}

function toContainer(record: ContainerRecord): Container {
  const container: Record<string, unknown> = {};
  const source = record as unknown as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    if (!internalContainerFields.has(key)) container[key] = deepFreeze(source[key]);
  }
  return Object.freeze(container) as Container;
}

export function findTask(
  ctx: PlaneContext,
  cluster: ClusterRecord,
  ref: string,
): TaskRecord | undefined {
  // Most references are the task's own ARN: looked up as given before it is taken apart.
  const given = ownEntry(ctx.state.tasks, ref);
  if (given?.clusterArn === cluster.clusterArn) return given;
  const id = resourceIdOf(ref, 'task');
  return ownEntry(ctx.state.tasks, arns.task(ctx.settings, cluster.clusterName, id));
}

export function describeTasks(ctx: PlaneContext, input: unknown): DescribeTasksResponse {
  const params = Params.of(input);
  const cluster = activeCluster(ctx, params.string('cluster'));
  const refs = params.requiredStringList('tasks');
  if (refs.length > 100) {
    throw new EcsApiError('InvalidParameterException', 'tasks can have at most 100 items.');
  }
  const include = params.stringList('include') ?? [];
  const tasks: Task[] = [];
  const failures: Failure[] = [];
  for (const ref of refs) {
    const task = findTask(ctx, cluster, ref);
    if (task) tasks.push(toTask(task, include));
    else failures.push({ arn: ref, reason: 'MISSING' });
  }
  return { tasks, failures };
}

export function listTasks(ctx: PlaneContext, input: unknown): ListTasksResponse {
  const params = Params.of(input);
  const cluster = activeCluster(ctx, params.string('cluster'));
  const instanceRef = params.string('containerInstance');
  const instanceArn =
    instanceRef === undefined
      ? undefined
      : (findInstance(ctx, cluster, instanceRef)?.containerInstanceArn ?? instanceRef);
  const family = params.string('family');
  const serviceName = params.string('serviceName');
  const startedBy = params.string('startedBy');
  const launchType = params.oneOf('launchType', ['EC2', 'FARGATE', 'EXTERNAL']);
  const desiredStatus =
    params.oneOf('desiredStatus', ['RUNNING', 'PENDING', 'STOPPED']) ?? 'RUNNING';
  const maxResults = params.maxResults();
  const taskArns = Object.values(ctx.state.tasks)
    .filter((task) => task.clusterArn === cluster.clusterArn)
    .filter((task) => task.desiredStatus === desiredStatus)
    .filter((task) => instanceArn === undefined || task.containerInstanceArn === instanceArn)
    .filter((task) => family === undefined || task.family === family)
    .filter((task) => serviceName === undefined || task.serviceName === serviceName)
    .filter((task) => startedBy === undefined || task.startedBy === startedBy)
    .filter((task) => launchType === undefined || task.launchType === launchType)
    .sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || (a.taskArn < b.taskArn ? -1 : 1))
    .map((task) => task.taskArn);
  const { page, nextToken } = paginate(taskArns, params.string('nextToken'), maxResults);
  return compact({ taskArns: page, nextToken });
}

export function stopTask(ctx: PlaneContext, input: unknown): Outcome<StopTaskResponse> {
  const params = Params.of(input);
  const cluster = activeCluster(ctx, params.string('cluster'));
  const task = findTask(ctx, cluster, params.requiredRef('task'));
  if (!task)
    throw new EcsApiError('InvalidParameterException', 'The referenced task was not found.');
  const reason = params.string('reason');
  if (reason !== undefined && reason.length > 255) {
    throw new EcsApiError('InvalidParameterException', 'reason must be at most 255 characters.');
  }
  const stopped = requestStop(task, 'UserInitiated', reason || 'Task stopped by user');
  return {
    result: { task: stopped ? freshTask(stopped) : toTask(task) },
    changes: stopped ? [{ kind: 'task.put', task: stopped }] : [],
  };
}
