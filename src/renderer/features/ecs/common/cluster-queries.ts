import type { CallInput, EcsContainerInstance, EcsTask } from '../../../../shared';
import { shareListItems, useStowageQuery } from '../../../api';

// A cluster's tasks and instances come back whole on every change: thousands of records, of
// which a change touches a few. Sharing by ARN keeps the rest as they were, cheaply.
const shareTasks = shareListItems((task: EcsTask) => task.taskArn);
const shareInstances = shareListItems(
  (instance: EcsContainerInstance) => instance.containerInstanceArn,
);

/** How many stopped tasks the views ask for at most: enough to follow a rollout. */
export const stoppedTasksShown = 100;

export function useClusterTasks(input: CallInput<'ecs.tasks.list'>) {
  return useStowageQuery('ecs.tasks.list', input, { structuralSharing: shareTasks });
}

export function useClusterInstances(cluster: string) {
  return useStowageQuery('ecs.instances.list', { cluster }, { structuralSharing: shareInstances });
}
