import type { Task } from '@aws-sdk/client-ecs';

/**
 * Of the tasks asked to stop, every one still on its way to STOPPED, then at most `limit` of
 * those that have stopped, the latest first: a view follows a rollout without carrying the
 * hour of history ECS keeps.
 */
export function latestStopped(tasks: readonly Task[], limit: number): Task[] {
  const stopping = tasks.filter((task) => task.lastStatus !== 'STOPPED');
  const stopped = tasks
    .filter((task) => task.lastStatus === 'STOPPED')
    .sort((a, b) => stoppedTime(b) - stoppedTime(a))
    .slice(0, limit);
  return [...stopping, ...stopped];
}

function stoppedTime(task: Task): number {
  return (task.stoppedAt ?? task.stoppingAt ?? task.createdAt)?.getTime() ?? 0;
}
