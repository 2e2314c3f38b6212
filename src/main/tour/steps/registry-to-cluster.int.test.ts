import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openStream } from '../../../../test/support/calls';
import { createAppBackend, type AppBackend } from '../../composition';
import { systemEndpointSources } from '../../docker/connection/engine';

// Steps 5 and 6 through the app, on the engine (the tour's image) and the simulated ECS.

describe('the tour’s task definition and cluster steps', () => {
  let dataDir: string;
  let services: AppBackend;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stowage-tour-ecs-steps-'));
    services = createAppBackend({
      dataDir,
      ecsRuntime: 'simulated',
      endpointSources: systemEndpointSources(),
    });
  });

  afterAll(async () => {
    await call(services, 'tour.reset', {}).catch(() => undefined);
    services.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('registers a task definition for EC2 and Fargate and shows its JSON', async () => {
    const status = await openStream(services, 'tour.steps.run', { step: 'task-definitions' }).end;
    const result = status.result;
    if (result?.step !== 'task-definitions') throw new Error(JSON.stringify(status));
    const described = await call(services, 'ecs.taskDefinitions.describe', {
      taskDefinition: result.taskDefinitionArn,
    });
    expect(described).toMatchObject({
      status: 'ACTIVE',
      family: 'stowage-tour-task-definitions',
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      requiresCompatibilities: ['EC2', 'FARGATE'],
    });
    expect(described.containerDefinitions?.[0]?.image).toBe('stowage-tour/base:1');
    expect(JSON.parse(result.json)).toMatchObject({ family: result.family, cpu: '256' });
    expect(result.taskRoleArn).toMatch(/:role\/stowage-tour-task-role$/);
    expect(status.created.map((resource) => resource.kind)).toEqual(['task-definition']);
  });

  it('adds an instance in two zones and a Fargate lane, and places both kinds of task', async () => {
    const status = await openStream(services, 'tour.steps.run', { step: 'clusters' }).end;
    const result = status.result;
    if (result?.step !== 'clusters') throw new Error(JSON.stringify(status));
    expect(new Set(result.zones).size).toBe(2);
    const instances = await call(services, 'ecs.instances.list', { cluster: result.cluster });
    expect(
      instances
        .map(
          (instance) => instance.attributes?.find((a) => a.name === 'ecs.availability-zone')?.value,
        )
        .sort(),
    ).toEqual([...result.zones].sort());
    expect(result.fargate.map((lane) => lane.zone)).toEqual(result.zones);
    const running = await call(services, 'ecs.tasks.list', {
      cluster: result.cluster,
      desiredStatus: 'RUNNING',
    });
    expect(running).toHaveLength(4);
    for (const task of result.tasks) {
      const described = running.find((entry) => entry.taskArn === task.taskArn);
      expect(described?.launchType).toBe(task.launchType);
      expect(result.zones).toContain(task.zone);
      if (task.launchType === 'EC2') {
        expect(result.instances.map((instance) => instance.id)).toContain(task.placedOn);
      } else {
        expect(described?.containerInstanceArn).toBeUndefined();
        expect(result.fargate.map((lane) => lane.subnet)).toContain(task.placedOn);
      }
    }
    expect(result.tasks.filter((task) => task.launchType === 'FARGATE')).toHaveLength(2);
  });

  it('resets both steps: their cluster and task definitions are gone', async () => {
    await call(services, 'tour.steps.reset', { step: 'clusters' });
    await call(services, 'tour.steps.reset', { step: 'task-definitions' });
    const clusters = await call(services, 'ecs.clusters.list', {});
    expect(clusters.map((cluster) => cluster.clusterName)).not.toContain('stowage-tour-clusters');
    const definitions = await call(services, 'ecs.taskDefinitions.list', {});
    expect(definitions.filter((d) => d.family?.startsWith('stowage-tour-'))).toEqual([]);
  });
});
