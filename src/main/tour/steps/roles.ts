import {
  createTourCluster,
  dockerRuntimeNeed,
  idleContainer,
  launchInstances,
  registerTourDefinition,
  requireDockerRuntime,
  runningTasks,
  waitFor,
} from '../ecs-tour';
import { tourFamily } from '../ecs-clean-up-plan';
import type { StepContext, TourStep } from '../step';
import { busyboxNeed, engineNeed, ensureBaseImage } from '../tour-engine';
import { StowageError } from '../../../shared';

const step = 'roles';
export const tourTaskRoleName = 'stowage-tour-task-role';
export const tourInstanceRoleName = 'stowage-tour-instance-role';

async function runOne(
  ctx: StepContext,
  cluster: string,
  taskDefinition: string,
  signal: AbortSignal,
): Promise<string> {
  const { tasks, failures } = await ctx.call(
    'ecs.tasks.run',
    { cluster, taskDefinition, launchType: 'EC2', count: 1 },
    signal,
  );
  const taskArn = tasks[0]?.taskArn;
  if (!taskArn) {
    throw new StowageError(
      'OPERATION_FAILED',
      `RunTask placed no task: ${failures.map((failure) => failure.reason).join(', ')}.`,
    );
  }
  return taskArn;
}

async function whoAmI(ctx: StepContext, taskArn: string, signal: AbortSignal) {
  const answer = await ctx.call('ecs.tasks.whoami', { taskArn }, signal);
  if (!answer.arn) {
    throw new StowageError(
      'OPERATION_FAILED',
      `The task found no credentials: ${answer.detail ?? 'it did not say why'}.`,
    );
  }
  await ctx.progress(
    `Inside ${taskArn.slice(taskArn.lastIndexOf('/') + 1)}, STS says: ${answer.arn}.`,
  );
  return { source: answer.source, callerArn: answer.arn };
}

export const rolesStep: TourStep<'roles'> = {
  id: step,
  title: 'Task role vs instance role',
  needs: [engineNeed, busyboxNeed, dockerRuntimeNeed],
  async run(ctx, signal) {
    const { accountId } = await requireDockerRuntime(ctx, signal);
    await ensureBaseImage(ctx.docker, signal, ctx.progress);
    const taskRoleArn = `arn:aws:iam::${accountId}:role/${tourTaskRoleName}`;
    const instanceRoleArn = `arn:aws:iam::${accountId}:role/${tourInstanceRoleName}`;
    const cluster = await createTourCluster(ctx, step, signal);
    await launchInstances(ctx, cluster, 'us-east-1a', 1, signal, instanceRoleArn);
    const withRole = await registerTourDefinition(
      ctx,
      {
        family: tourFamily(step, 'with-role'),
        taskRoleArn,
        containerDefinitions: [idleContainer()],
      },
      signal,
    );
    const withoutRole = await registerTourDefinition(
      ctx,
      { family: tourFamily(step, 'without-role'), containerDefinitions: [idleContainer()] },
      signal,
    );
    const withRoleTask = await runOne(ctx, cluster, withRole, signal);
    const withoutRoleTask = await runOne(ctx, cluster, withoutRole, signal);
    await waitFor(
      ctx,
      { what: 'both tasks running', timeoutMs: 45_000 },
      () => runningTasks(ctx, cluster, 2, signal),
      signal,
    );
    return {
      step,
      cluster,
      withTaskRole: {
        taskArn: withRoleTask,
        roleArn: taskRoleArn,
        ...(await whoAmI(ctx, withRoleTask, signal)),
      },
      withoutTaskRole: {
        taskArn: withoutRoleTask,
        roleArn: instanceRoleArn,
        ...(await whoAmI(ctx, withoutRoleTask, signal)),
      },
    };
  },
  summary: (result) =>
    `With a task role the task is ${result.withTaskRole.callerArn}; without one it borrows the instance’s: ${result.withoutTaskRole.callerArn}.`,
};
