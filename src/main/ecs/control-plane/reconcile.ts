import type { RuntimeEvent } from '../runtime/runtime';
import { applyEcsChangeInPlace, draftEcsState, type EcsChange, type EcsState } from './state';
import { advanceTask, applyRuntimeEvent, isExpired } from './tasks/lifecycle';

/**
 * One reconcile pass as changes: the runtime's events applied to their tasks, each task one
 * step towards its desired status, stopped tasks past their retention forgotten, and deleted
 * task definitions removed once no live task uses them.
 */
export function reconcileChanges(
  initial: EcsState,
  events: readonly RuntimeEvent[],
  now: number,
): EcsChange[] {
  // A pass may change thousands of tasks: one copy of the state for all of them.
  const state = draftEcsState(initial);
  const changes: EcsChange[] = [];
  const add = (change: EcsChange) => {
    changes.push(change);
    applyEcsChangeInPlace(state, change);
  };
  for (const event of events) {
    const task = state.tasks[event.taskArn];
    const updated = task && applyRuntimeEvent(task, event);
    if (updated) add({ kind: 'task.put', task: updated });
  }
  for (const task of Object.values(state.tasks)) {
    if (isExpired(task, now)) {
      add({ kind: 'task.delete', arn: task.taskArn });
      continue;
    }
    const advanced = advanceTask(task, now);
    if (advanced) add({ kind: 'task.put', task: advanced });
  }
  const inUse = new Set(
    Object.values(state.tasks)
      .filter((task) => task.lastStatus !== 'STOPPED')
      .map((task) => task.taskDefinitionArn),
  );
  for (const definition of Object.values(state.taskDefinitions)) {
    if (definition.status === 'DELETE_IN_PROGRESS' && !inUse.has(definition.taskDefinitionArn)) {
      add({ kind: 'taskDefinition.delete', arn: definition.taskDefinitionArn });
    }
  }
  return changes;
}
