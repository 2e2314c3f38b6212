import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TourResource } from '../../shared';
import { call } from '../../../test/support/calls';
import { waitFor } from '../../../test/support/wait-for';
import { createAppBackend, type AppBackend } from '../composition';
import { systemClock } from '../lib/clock';
import { ecsResources } from './ecs-clean-up';
import { tourClusterName, tourElbName, tourFamily } from './ecs-clean-up-plan';
import type { ContractCall, TourStep } from './step';
import { tourService, type TourService } from './tour-service';

// The tour's ECS clean-up through the app's own calls on the simulated ECS: a step that makes
// a cluster with instances, a task, a service behind a load balancer with auto scaling, and a
// task definition; its next run, its reset and the whole tour's reset remove all of it, and
// nothing the user made.

const cluster = tourClusterName('kernel');
const family = tourFamily('kernel');
const elbName = tourElbName('kernel-web');

/** A step that makes ECS things and records each as soon as it exists. */
function ecsMakingStep(): TourStep<'kernel'> {
  return {
    id: 'kernel',
    title: 'Makes ECS things',
    needs: [],
    async run(ctx, signal) {
      const made = await ctx.call('ecs.clusters.create', { clusterName: cluster }, signal);
      await ctx.created({ kind: 'ecs-cluster', id: made.clusterArn ?? '', name: cluster });
      await ctx.call(
        'ecs.instances.launch',
        { cluster, instanceType: 't3.medium', count: 2, availabilityZone: 'us-east-1a' },
        signal,
      );
      const definition = await ctx.call(
        'ecs.taskDefinitions.register',
        {
          definition: {
            family,
            containerDefinitions: [
              { name: 'app', image: 'web', memory: 128, portMappings: [{ containerPort: 80 }] },
            ],
          },
        },
        signal,
      );
      const definitionArn = definition.taskDefinitionArn ?? '';
      await ctx.created({
        kind: 'task-definition',
        id: definitionArn,
        name: `${family}:${definition.revision}`,
      });
      const group = await ctx.call(
        'ecs.targetGroups.create',
        { request: { Name: elbName, Protocol: 'HTTP', Port: 80, TargetType: 'instance' } },
        signal,
      );
      await ctx.created({ kind: 'target-group', id: group.TargetGroupArn ?? '', name: elbName });
      const balancer = await ctx.call(
        'ecs.loadBalancers.create',
        { request: { Name: elbName } },
        signal,
      );
      await ctx.created({
        kind: 'load-balancer',
        id: balancer.LoadBalancerArn ?? '',
        name: elbName,
      });
      await ctx.call(
        'ecs.listeners.create',
        {
          request: {
            LoadBalancerArn: balancer.LoadBalancerArn,
            Protocol: 'HTTP',
            Port: 80,
            DefaultActions: [{ Type: 'forward', TargetGroupArn: group.TargetGroupArn }],
          },
        },
        signal,
      );
      await ctx.call(
        'ecs.services.create',
        {
          request: {
            cluster,
            serviceName: 'web',
            taskDefinition: definitionArn,
            desiredCount: 1,
            loadBalancers: [
              { targetGroupArn: group.TargetGroupArn, containerName: 'app', containerPort: 80 },
            ],
          },
        },
        signal,
      );
      await ctx.call(
        'ecs.autoScaling.register',
        { cluster, service: 'web', minCapacity: 1, maxCapacity: 2 },
        signal,
      );
      await ctx.call(
        'ecs.tasks.run',
        { cluster, taskDefinition: definitionArn, launchType: 'EC2', count: 1 },
        signal,
      );
      return {
        step: 'kernel',
        hostKernel: 'simulated',
        containers: [],
        startMs: [],
        containerMemoryBytes: 0,
        hostMemoryBytes: 0,
        fitEstimate: 0,
      };
    },
    summary: () => 'Made a cluster, a service behind a load balancer, and a task.',
  };
}

describe('the tour’s ECS clean-up on the simulated ECS', () => {
  let dataDir: string;
  let services: AppBackend;
  let tour: TourService;
  const signal = new AbortController().signal;
  const progress = async () => undefined;
  // A revision's number depends on whether ECS has purged the family's deleted ones yet.
  const names = (resources: readonly TourResource[]) =>
    resources.map((r) => r.name.replace(/:\d+$/, ':N')).sort();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stowage-tour-ecs-'));
    services = createAppBackend({ dataDir, ecsRuntime: 'simulated' });
    const throughRouter: ContractCall = (name, input, callSignal) =>
      call(services, name, input, callSignal);
    tour = tourService({
      docker: () => new Docker(),
      call: throughRouter,
      dataDir,
      clock: systemClock,
      steps: [ecsMakingStep()],
      ecsPollMs: 50,
    });
    // What the user made, which no clean-up may touch.
    await call(services, 'ecs.clusters.create', { clusterName: 'demo' });
    await call(services, 'ecs.taskDefinitions.register', {
      definition: {
        family: 'web',
        containerDefinitions: [{ name: 'app', image: 'web', memory: 64 }],
      },
    });
    await call(services, 'ecs.targetGroups.create', {
      request: { Name: 'mine', Protocol: 'HTTP', Port: 80, TargetType: 'instance' },
    });
  });

  afterAll(async () => {
    services.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The service's task and the one run by hand, once the scheduler has placed both. */
  const runningTasks = () =>
    waitFor(
      async () => {
        const tasks = await call(services, 'ecs.tasks.list', { cluster, desiredStatus: 'RUNNING' });
        return tasks.length === 2 && tasks.map((task) => task.taskArn);
      },
      { what: `two tasks in ${cluster}`, timeoutMs: 30_000 },
    );

  const userThingsRemain = async () => {
    const clusters = await call(services, 'ecs.clusters.list', {});
    expect(clusters.map((c) => c.clusterName)).toContain('demo');
    const definitions = await call(services, 'ecs.taskDefinitions.list', {});
    expect(definitions.map((d) => `${d.family}:${d.status}`)).toContain('web:ACTIVE');
    const { targetGroups } = await call(services, 'ecs.loadBalancers.list', {});
    expect(targetGroups.map((g) => g.targetGroup.TargetGroupName)).toContain('mine');
  };

  const tourThingsGone = async () => {
    const clusters = await call(services, 'ecs.clusters.list', {});
    expect(clusters.map((c) => c.clusterName)).not.toContain(cluster);
    const contents = await call(services, 'ecs.clusters.contents', { cluster });
    expect(contents).toMatchObject({ activeTasks: 0, instances: 0, services: 0 });
    const definitions = await call(services, 'ecs.taskDefinitions.list', {});
    expect(definitions.filter((d) => d.family === family)).toEqual([]);
    const balancing = await call(services, 'ecs.loadBalancers.list', {});
    expect(balancing.loadBalancers.map((b) => b.loadBalancer.LoadBalancerName)).not.toContain(
      elbName,
    );
    expect(balancing.targetGroups.map((g) => g.targetGroup.TargetGroupName)).not.toContain(elbName);
  };

  it('a second run first removes what the first one made', async () => {
    const first = await tour.run('kernel', signal, progress);
    expect(names(first.created)).toEqual([cluster, `${family}:N`, elbName, elbName]);
    const firstTasks = await runningTasks();
    const firstBalancer = first.created.find((r) => r.kind === 'load-balancer')?.id;

    const second = await tour.run('kernel', signal, progress);
    expect(second.state).toBe('done');
    expect(second.created).toHaveLength(4);
    expect(second.created.find((r) => r.kind === 'load-balancer')?.id).not.toBe(firstBalancer);
    const definitions = await call(services, 'ecs.taskDefinitions.list', {});
    expect(definitions.filter((d) => d.family === family)).toHaveLength(1);
    // Neither of the two tasks now is one of the first run's.
    const secondTasks = await runningTasks();
    expect(secondTasks.filter((arn) => firstTasks.includes(arn))).toEqual([]);
  });

  it('resetting the step removes its ECS things in order and forgets them', async () => {
    const cleaned = await tour.reset({ step: 'kernel' }, signal);
    expect(cleaned.kept).toEqual([]);
    expect(names(cleaned.removed)).toEqual([cluster, `${family}:N`, elbName, elbName]);
    await tourThingsGone();
    await userThingsRemain();
    const status = await tour.status();
    expect(status.steps[0]?.created).toEqual([]);
  });

  it('resetting the whole tour also finds a tour cluster the progress lost', async () => {
    await call(services, 'ecs.clusters.create', { clusterName: 'stowage-tour-lost' });
    await call(services, 'ecs.instances.launch', {
      cluster: 'stowage-tour-lost',
      instanceType: 't3.medium',
      count: 1,
      availabilityZone: 'us-east-1b',
    });
    await tour.run('kernel', signal, progress);
    const cleaned = await tour.reset('whole-tour', signal);
    expect(cleaned.kept).toEqual([]);
    // The engine's part of the tour (its base image, if some step built it) goes too.
    expect(names(ecsResources(cleaned.removed))).toEqual([
      cluster,
      `${family}:N`,
      'stowage-tour-lost',
      elbName,
      elbName,
    ]);
    await tourThingsGone();
    await userThingsRemain();
    const clusters = await call(services, 'ecs.clusters.list', {});
    expect(clusters.map((c) => c.clusterName)).not.toContain('stowage-tour-lost');
  });
});
