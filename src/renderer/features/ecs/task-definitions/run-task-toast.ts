import { shortArn, type EcsTask } from '../../../../shared';
import type { ToastInput } from '../../../common/toast';

/** "Task 9347fd521a4b started", with a link to it; several link to the cluster's tasks. */
export function startedTasksToast(cluster: string, tasks: readonly EcsTask[]): ToastInput {
  const [only] = tasks;
  if (tasks.length === 1 && only) {
    const task = shortArn(only.taskArn);
    return {
      message: `Task ${task.slice(0, 12)} started`,
      link: { label: 'Open', route: { page: 'ecs', view: 'tasks', cluster, task } },
    };
  }
  return {
    message: `${tasks.length} tasks started`,
    link: { label: 'Open', route: { page: 'ecs', view: 'tasks', cluster } },
  };
}
