import type { EcsContainerInstance, EcsTask } from '../../../../shared';
import { shortArn } from '../../../../shared';

/** The four stages a task is drawn in, whatever ECS status word it is at. */
export type TaskStage = 'starting' | 'running' | 'stopping' | 'stopped';

export const taskStages: readonly TaskStage[] = ['starting', 'running', 'stopping', 'stopped'];

/** What each stage means, for the map's legend. */
export const stageMeanings: Record<TaskStage, string> = {
  starting: 'PROVISIONING, PENDING or ACTIVATING: pulling images, starting containers',
  running: 'RUNNING: every essential container is up',
  stopping: 'Asked to stop: DEACTIVATING, STOPPING or DEPROVISIONING',
  stopped: 'STOPPED: kept on the map a while, fading, with why it stopped',
};

/** How long a stopped task stays on the map, fading. */
export const stoppedLingerMs = 2 * 60_000;

const stageRank: Record<TaskStage, number> = { starting: 0, running: 1, stopping: 2, stopped: 3 };

const startingStatuses = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);

export function stageOf(task: EcsTask): TaskStage {
  const last = task.lastStatus ?? 'PENDING';
  if (last === 'STOPPED') return 'stopped';
  if (task.desiredStatus === 'STOPPED') return 'stopping';
  if (startingStatuses.has(last)) return 'starting';
  if (last === 'RUNNING') return 'running';
  return 'stopping';
}

/** The status word a chip shows: ECS's own, in lower case ("pending", "stopping"). */
export function statusWord(task: EcsTask): string {
  const last = (task.lastStatus ?? 'PENDING').toLowerCase();
  // A running task already asked to stop reads as what it is about to do.
  return stageOf(task) === 'stopping' && last === 'running' ? 'stopping' : last;
}

export interface MapTask {
  task: EcsTask;
  stage: TaskStage;
  /** 1 for a task that is not stopped; less the longer ago it stopped. */
  opacity: number;
}

/**
 * The tasks the map draws: those meant to run, those on their way to STOPPED, and those that
 * stopped less than `lingerMs` ago, fading from 0.8 to 0.3 as they age. Newest first within
 * each stage's order.
 */
export function mapTasks(
  meantToRun: readonly EcsTask[],
  stoppedOrStopping: readonly EcsTask[],
  now: number,
  lingerMs = stoppedLingerMs,
): MapTask[] {
  const seen = new Set<string>();
  const out: MapTask[] = [];
  for (const task of [...meantToRun, ...stoppedOrStopping]) {
    const arn = task.taskArn ?? '';
    if (seen.has(arn)) continue;
    seen.add(arn);
    const stage = stageOf(task);
    if (stage !== 'stopped') {
      out.push({ task, stage, opacity: 1 });
      continue;
    }
    const age = now - (task.stoppedAt ?? task.stoppingAt ?? 0);
    if (age >= lingerMs) continue;
    const fading = Math.max(0, age) / lingerMs;
    out.push({ task, stage, opacity: Math.round((0.8 - 0.5 * fading) * 100) / 100 });
  }
  const rank = (entry: MapTask) => stageRank[entry.stage];
  return out.sort((a, b) => rank(a) - rank(b) || (b.task.createdAt ?? 0) - (a.task.createdAt ?? 0));
}

/** Why a task stopped, as ECS says it ("Task stopped by user"), or its stop code. */
export function stopReasonOf(task: EcsTask): string {
  return task.stoppedReason ?? task.stopCode ?? 'no reason given';
}

/** Container-instance ARN → its EC2 instance id, the name the app shows instances by. */
export function instanceIds(instances: readonly EcsContainerInstance[]): Map<string, string> {
  return new Map(
    instances.flatMap((instance) =>
      instance.containerInstanceArn && instance.ec2InstanceId
        ? [[instance.containerInstanceArn, instance.ec2InstanceId] as const]
        : [],
    ),
  );
}

/** An instance by its EC2 id (`i-…`), or its container-instance id when the id is unknown. */
export function instanceName(arn: string | undefined, ids: ReadonlyMap<string, string>): string {
  if (!arn) return '';
  return ids.get(arn) ?? shortArn(arn);
}

/** The map's tasks by the instance they run on; Fargate tasks under the key 'FARGATE'. */
export function mapTasksByHost(entries: readonly MapTask[]): Map<string, MapTask[]> {
  const hosts = new Map<string, MapTask[]>();
  for (const entry of entries) {
    const { task } = entry;
    const key = task.launchType === 'FARGATE' ? 'FARGATE' : (task.containerInstanceArn ?? '');
    const hosted = hosts.get(key);
    if (hosted) hosted.push(entry);
    else hosts.set(key, [entry]);
  }
  return hosts;
}

/** Tasks started by a service are in the group `service:<name>`; the rest are standalone. */
export function isStandalone(task: EcsTask): boolean {
  return !(task.group ?? '').startsWith('service:');
}

/** What draining does to an instance's tasks, said for the tasks it has. */
export function drainEffect(tasks: readonly EcsTask[]): string {
  const standalone = tasks.filter(isStandalone).length;
  const serviced = tasks.length - standalone;
  const parts = ['No new tasks are placed on a draining instance.'];
  if (standalone > 0) {
    parts.push(
      `${standalone === 1 ? 'Its 1 standalone task keeps' : `Its ${standalone} standalone tasks keep`} running until stopped: ECS never moves standalone tasks.`,
    );
  }
  if (serviced > 0) {
    parts.push(
      `${serviced === 1 ? '1 service task is' : `${serviced} service tasks are`} replaced on other instances by their service.`,
    );
  } else {
    parts.push('Only services move their tasks off a draining instance.');
  }
  return parts.join(' ');
}
