import type { StepContext, TourStep } from '../step';
import { tourFamily } from '../ecs-clean-up-plan';
import { busyboxNeed, engineNeed, ensureBaseImage, TOUR_BASE_IMAGE } from '../tour-engine';

const step = 'task-definitions';
export const TOUR_TASK_ROLE = 'stowage-tour-task-role';
const containerPort = 8080;

/** What a newcomer would fill in on the form: one web container, runnable on EC2 and Fargate. */
export function tourWebDefinition(family: string, accountId: string) {
  return {
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['EC2', 'FARGATE'],
    cpu: '256',
    memory: '512',
    taskRoleArn: `arn:aws:iam::${accountId}:role/${TOUR_TASK_ROLE}`,
    containerDefinitions: [
      {
        name: 'web',
        image: TOUR_BASE_IMAGE,
        essential: true,
        command: ['httpd', '-f', '-p', String(containerPort)],
        portMappings: [{ containerPort, protocol: 'tcp' }],
      },
    ],
  };
}

async function register(ctx: StepContext, signal: AbortSignal) {
  const { accountId } = await ctx.call('ecs.status', {}, signal);
  const registered = await ctx.call(
    'ecs.taskDefinitions.register',
    { definition: tourWebDefinition(tourFamily(step), accountId) },
    signal,
  );
  const arn = registered.taskDefinitionArn ?? '';
  const name = `${registered.family}:${registered.revision}`;
  await ctx.created({ kind: 'task-definition', id: arn, name });
  return { registered, arn, name };
}

export const taskDefinitionsStep: TourStep<'task-definitions'> = {
  id: step,
  title: 'Container definitions and task definitions',
  needs: [engineNeed, busyboxNeed],
  async run(ctx, signal) {
    await ensureBaseImage(ctx.docker, signal, ctx.progress);
    const { registered, arn, name } = await register(ctx, signal);
    await ctx.progress(`Registered ${name}.`);
    const { json } = await ctx.call('ecs.taskDefinitions.export', { taskDefinition: arn }, signal);
    const container = registered.containerDefinitions?.[0];
    return {
      step,
      taskDefinitionArn: arn,
      family: registered.family ?? '',
      revision: registered.revision ?? 0,
      image: container?.image ?? '',
      ports: (container?.portMappings ?? []).map((port) => port.containerPort ?? 0),
      cpu: registered.cpu ?? '',
      memory: registered.memory ?? '',
      networkMode: registered.networkMode ?? '',
      compatibilities: registered.requiresCompatibilities ?? [],
      taskRoleArn: registered.taskRoleArn ?? '',
      json,
    };
  },
  summary: (result) =>
    `Registered ${result.family}:${result.revision}: ${result.image} on port ${result.ports.join(', ')}, ${result.cpu} CPU units and ${result.memory} MiB, ${result.networkMode} networking, for ${result.compatibilities.join(' and ')}.`,
};
