import type { Controller } from '../core/resource-module';
import type { EcsChange } from '../core/state';

/**
 * The task definitions' controller: a deleted definition (DELETE_IN_PROGRESS) is removed
 * once no live task uses it. It runs after the tasks' controller, so a task that stopped in
 * the same pass no longer holds its definition.
 */
export const taskDefinitionsController: Controller = ({ state }) => {
  const deleting = Object.values(state.taskDefinitions).filter(
    (definition) => definition.status === 'DELETE_IN_PROGRESS',
  );
  if (deleting.length === 0) return [];
  const inUse = new Set<string>();
  for (const task of Object.values(state.tasks)) {
    if (task.lastStatus !== 'STOPPED') inUse.add(task.taskDefinitionArn);
  }
  const changes: EcsChange[] = [];
  for (const definition of deleting) {
    if (!inUse.has(definition.taskDefinitionArn)) {
      changes.push({ kind: 'taskDefinition.delete', arn: definition.taskDefinitionArn });
    }
  }
  return changes;
};
