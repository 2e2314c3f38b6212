import type { RuntimeEvent } from '../runtime/runtime';
import type { EcsChange, EcsState, TaskRecord } from './state';
import { advanceTask, applyRuntimeEvent, isExpired } from './tasks/lifecycle';

/**
 * One reconcile pass as changes: the runtime's events applied to their tasks, each task one
 * step towards its desired status, stopped tasks past their retention forgotten, and deleted
 * task definitions removed once no live task uses them.
 */
export function reconcileChanges(
  state: EcsState,
  events: readonly RuntimeEvent[],
  now: number,
): EcsChange[] {
  // The pass's own view of the tasks it changed, rather than a copy of a state of thousands.
  const updated = new Map<string, TaskRecord>();
  const current = (arn: string) => updated.get(arn) ?? state.tasks[arn];
  const changes: EcsChange[] = [];
  const put = (task: TaskRecord) => {
    changes.push({ kind: 'task.put', task });
    updated.set(task.taskArn, task);
  };
  for (const event of events) {
    const task = current(event.taskArn);
    const next = task && applyRuntimeEvent(task, event);
    if (next) put(next);
  }
  const deleted = new Set<string>();
  for (const arn of Object.keys(state.tasks)) {
    const task = current(arn)!;
    if (isExpired(task, now)) {
      changes.push({ kind: 'task.delete', arn });
      deleted.add(arn);
      continue;
    }
    const advanced = advanceTask(task, now);
    if (advanced) put(advanced);
  }
  const deleting = Object.values(state.taskDefinitions).filter(
    (definition) => definition.status === 'DELETE_IN_PROGRESS',
  );
  if (deleting.length === 0) return changes;
  const inUse = new Set<string>();
  for (const arn of Object.keys(state.tasks)) {
    const task = current(arn)!;
    if (!deleted.has(arn) && task.lastStatus !== 'STOPPED') inUse.add(task.taskDefinitionArn);
  }
  for (const definition of deleting) {
    if (!inUse.has(definition.taskDefinitionArn)) {
      changes.push({ kind: 'taskDefinition.delete', arn: definition.taskDefinitionArn });
    }
  }
  return changes;
}
