import { zoneOfSubnet } from '../../../shared';
import { tourClusterName, tourFamily } from '../ecs-clean-up-plan';
import type { StepContext, TourStep } from '../step';
import { busyboxNeed, engineNeed, ensureBaseImage } from '../tour-engine';
import { tourWebDefinition } from './task-definitions';

const step = 'clusters';
const cluster = tourClusterName(step);

/** A subnet id in each zone: subnets are not modelled, their zone follows from the id. */
export function subnetsIn(region: string, zones: readonly string[]): string[] {
  return zones.map((zone) => {
    for (let index = 1; ; index++) {
      const subnet = `subnet-tour${index.toString(16).padStart(4, '0')}`;
      if (zoneOfSubnet(region, subnet) === zone) return subnet;
    }
  });
}

async function registerDefinition(ctx: StepContext, accountId: string, signal: AbortSignal) {
  const registered = await ctx.call(
    'ecs.taskDefinitions.register',
    { definition: tourWebDefinition(tourFamily(step), accountId) },
    signal,
  );
  const arn = registered.taskDefinitionArn ?? '';
  await ctx.created({
    kind: 'task-definition',
    id: arn,
    name: `${registered.family}:${registered.revision}`,
  });
  return arn;
}

export const clustersStep: TourStep<'clusters'> = {
  id: step,
  title: 'Clusters, container instances, availability zones; EC2 vs Fargate',
  needs: [engineNeed, busyboxNeed],
  async run(ctx, signal) {
    await ensureBaseImage(ctx.docker, signal, ctx.progress);
    const status = await ctx.call('ecs.status', {}, signal);
    const zones = status.availabilityZones.slice(0, 2);
    const instanceType = status.instanceTypes[0]?.name ?? 't3.medium';
    const made = await ctx.call('ecs.clusters.create', { clusterName: cluster }, signal);
    await ctx.created({ kind: 'ecs-cluster', id: made.clusterArn ?? '', name: cluster });
    await ctx.progress(`Created the cluster ${cluster}.`);
    const instances = [];
    for (const zone of zones) {
      const launched = await ctx.call(
        'ecs.instances.launch',
        { cluster, instanceType, count: 1, availabilityZone: zone },
        signal,
      );
      for (const instance of launched) {
        instances.push({
          id: instance.ec2InstanceId ?? '',
          arn: instance.containerInstanceArn ?? '',
          zone,
          instanceType,
        });
      }
      await ctx.progress(`Launched a ${instanceType} container instance in ${zone}.`);
    }
    const subnets = subnetsIn(status.region, zones);
    const fargate = subnets.map((subnet, index) => ({ subnet, zone: zones[index] ?? '' }));
    await ctx.progress(`Fargate lane: subnets ${subnets.join(', ')}, one in each zone.`);
    const definition = await registerDefinition(ctx, status.accountId, signal);
    const tasks = [];
    for (const launchType of ['EC2', 'FARGATE'] as const) {
      const answer = await ctx.call(
        'ecs.tasks.run',
        { cluster, taskDefinition: definition, launchType, count: 2, subnets },
        signal,
      );
      for (const task of answer.tasks) {
        const instance = instances.find((entry) => entry.arn === task.containerInstanceArn);
        const subnet = task.attachments
          ?.flatMap((attachment) => attachment.details ?? [])
          .find((detail) => detail.name === 'subnetId')?.value;
        tasks.push({
          taskArn: task.taskArn ?? '',
          launchType,
          zone: task.availabilityZone ?? '',
          placedOn: launchType === 'EC2' ? (instance?.id ?? '') : (subnet ?? ''),
        });
      }
      const reasons = answer.failures.map((failure) => failure.reason).join(', ');
      await ctx.progress(
        `Ran ${answer.tasks.length} ${launchType} task${answer.tasks.length === 1 ? '' : 's'}${reasons ? `; not placed: ${reasons}` : ''}.`,
      );
    }
    return { step, cluster, zones, instances, fargate, tasks };
  },
  summary: (result) =>
    `${result.cluster}: ${result.instances.length} container instances in ${result.zones.join(' and ')}, a Fargate lane over ${result.fargate.length} subnets; ${result.tasks.filter((task) => task.launchType === 'EC2').length} EC2 tasks went to instances, ${result.tasks.filter((task) => task.launchType === 'FARGATE').length} Fargate tasks to subnets.`,
};
