import type { Controller } from '../core/resource-module';
import { ownEntry, type EcsChange, type TaskRecord } from '../core/state';
import { usageIndexOf } from '../core/usage-index';
import { tasksWithTargets } from '../target-groups/records';
import { awaitsRegistration } from '../services/load-balancing';
import { advanceTask, applyRuntimeEvent, isExpired, stoppedTaskRetentionMs } from './lifecycle';

/**
 * The tasks' controller: the runtime's events applied to their tasks, each task one step
 * towards its desired status, and stopped tasks past their retention forgotten. At most one
 * change per task.
 */
export const tasksController: Controller = (ctx, events) => {
  const { state, now } = ctx;
  // The pass's own view of the tasks it changed, rather than a copy of a state of thousands;
  // a task changed more than once in a pass (an event, then a step) is put once, as it ends.
  const updated = new Map<string, TaskRecord>();
  const current = (arn: string) => updated.get(arn) ?? ownEntry(state.tasks, arn);
  const put = (task: TaskRecord) => void updated.set(task.taskArn, task);
  for (const event of events) {
    if (
      event.kind === 'target.health' ||
      event.kind === 'target.drained' ||
      event.kind === 'autoScaling.metrics'
    ) {
      continue;
    }
    const task = current(event.taskArn);
    const next = task && applyRuntimeEvent(task, event);
    if (next) put(next);
  }
  const index = usageIndexOf(state);
  // Only tasks on their way somewhere have a step to take, and only stopped ones expire: a
  // pass does not look at the thousands that are running as they should.
  const moving = new Set([...index.tasksInMotion(), ...updated.keys()]);
  const deleted = new Set<string>();
  for (const arn of moving) {
    const task = current(arn);
    if (!task) continue;
    if (isExpired(task, now)) {
      deleted.add(arn);
      continue;
    }
    // A task leaves ACTIVATING only once it is registered with its load balancers, and
    // DEACTIVATING only once its targets have drained.
    if (task.lastStatus === 'ACTIVATING' && awaitsRegistration(ctx, task)) continue;
    if (task.lastStatus === 'DEACTIVATING' && tasksWithTargets(state).has(arn)) continue;
    const advanced = advanceTask(task, now);
    if (advanced) put(advanced);
  }
  for (const [arn, stoppedAt] of index.stoppedTasks()) {
    if (!updated.has(arn) && now >= stoppedAt + stoppedTaskRetentionMs) deleted.add(arn);
  }
  const changes: EcsChange[] = [];
  for (const [arn, task] of updated) {
    if (!deleted.has(arn)) changes.push({ kind: 'task.put', task });
  }
  for (const arn of deleted) changes.push({ kind: 'task.delete', arn });

  return changes;
};
