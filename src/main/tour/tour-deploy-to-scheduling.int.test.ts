import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TourStepId, TourStepResultOf } from '../../shared';
import { call, openStream } from '../../../test/support/calls';
import { docker } from '../../../test/support/docker';
import { removeTourClusterLeftovers, tourTaskContainers } from '../../../test/support/tour-ecs';
import { createAppBackend, type AppBackend } from '../composition';
import { systemEndpointSources } from '../docker/connection/engine';
import { tourClusterName } from './ecs-clean-up-plan';
import { taskIdOf } from './ecs-tour';

const ecsSteps = ['deployments', 'agent', 'roles', 'scheduling'] as const;
const clusters = ecsSteps.map((step) => tourClusterName(step));

// Steps 9-12 on the Docker runtime: every task a real container of the tour's busybox image.
describe('the Learn tour’s ECS steps on the real engine', () => {
  let dataDir: string;
  let services: AppBackend;

  beforeAll(async () => {
    await removeTourClusterLeftovers(clusters);
    dataDir = await mkdtemp(join(tmpdir(), 'stowage-tour-ecs-'));
    services = createAppBackend({
      dataDir,
      ecsRuntime: 'docker',
      endpointSources: systemEndpointSources(),
    });
    services.start();
  });

  afterAll(async () => {
    await call(services, 'tour.reset', {}).catch(() => undefined);
    services.stop();
    await removeTourClusterLeftovers(clusters);
    await rm(dataDir, { recursive: true, force: true });
  });

  async function runStep<K extends TourStepId>(step: K) {
    const run = openStream(services, 'tour.steps.run', { step });
    const status = await run.end;
    expect(status.state).toBe('done');
    const result = status.result;
    if (result?.step !== step) throw new Error(`no ${step} result: ${JSON.stringify(status)}`);
    return {
      result: result as TourStepResultOf<K>,
      progress: run.items.map((item) => item.message),
      created: status.created,
    };
  }

  it('rolls out a new revision, then rolls a broken one back by the circuit breaker', async () => {
    const { result, progress, created } = await runStep('deployments');
    expect(result.deployments.map((row) => [row.taskDefinition, row.status])).toEqual([
      ['stowage-tour-deployments:1', 'SUCCESSFUL'],
      ['stowage-tour-deployments:2', 'SUCCESSFUL'],
      ['stowage-tour-deployments:3', 'ROLLBACK_SUCCESSFUL'],
    ]);
    expect(result.deployments[2]?.failedTasks).toBeGreaterThanOrEqual(10);
    expect(result.runningTaskDefinition).toBe('stowage-tour-deployments:2');
    expect(progress.some((line) => /tasks? of stowage-tour-deployments:3 failed/.test(line))).toBe(
      true,
    );
    expect(result.events.some((event) => /rolling back to deployment/.test(event))).toBe(true);
    // The containers on the engine are revision 2's.
    const containers = [...(await tourTaskContainers(result.cluster)).values()];
    expect(containers).toHaveLength(3);
    for (const id of containers) {
      const env = await docker(['inspect', '--format', '{{json .Config.Env}}', id]);
      expect(env).toContain('VERSION=2');
    }
    expect(created.map((resource) => resource.name)).toEqual(
      expect.arrayContaining([
        'stowage-tour-deployments',
        'stowage-tour-deployments:1',
        'stowage-tour-deployments:3',
      ]),
    );
  }, 150_000);

  it('moves the service’s tasks off an instance whose agent disconnected', async () => {
    const { result } = await runStep('agent');
    const gone = result.disconnected.ec2InstanceId;
    expect(result.before.map((task) => task.ec2InstanceId).sort()).toEqual(
      result.instances.map((instance) => instance.ec2InstanceId).sort(),
    );
    expect(result.after).toHaveLength(2);
    expect(result.after.every((task) => task.ec2InstanceId !== gone)).toBe(true);
    expect(result.stoppedReasons.join(' ')).toContain(`(${gone}) disconnected`);
    const running = await tourTaskContainers(result.cluster);
    for (const task of result.after) expect(running.has(task.taskArn)).toBe(true);
  }, 120_000);

  it('asks who am I inside a task with a task role and one without', async () => {
    const { result } = await runStep('roles');
    const withId = taskIdOf(result.withTaskRole.taskArn);
    expect(result.withTaskRole).toMatchObject({
      source: 'task-role',
      roleArn: 'arn:aws:iam::000000000000:role/stowage-tour-task-role',
      callerArn: `arn:aws:sts::000000000000:assumed-role/stowage-tour-task-role/${withId}`,
    });
    expect(result.withoutTaskRole).toMatchObject({
      source: 'instance-role',
      roleArn: 'arn:aws:iam::000000000000:role/stowage-tour-instance-role',
    });
    expect(result.withoutTaskRole.callerArn).toMatch(
      /^arn:aws:sts::000000000000:assumed-role\/stowage-tour-instance-role\/i-[0-9a-f]+$/,
    );
  }, 120_000);

  it('places tasks by binpack, by spread over zones, on a chosen instance, and by a service', async () => {
    const { result } = await runStep('scheduling');
    expect(new Set(result.binpack.map((task) => task.ec2InstanceId)).size).toBe(1);
    const perZone = (zone: string) =>
      result.spread.filter((task) => task.availabilityZone === zone).length;
    expect([perZone('us-east-1a'), perZone('us-east-1b')]).toEqual([2, 2]);
    // Binpack fills an instance the spread left fullest (memory is all the tasks use).
    const spreadOn = (id: string | undefined) =>
      result.spread.filter((task) => task.ec2InstanceId === id).length;
    const fullest = Math.max(...result.instances.map((item) => spreadOn(item.ec2InstanceId)));
    expect(spreadOn(result.binpack[0]?.ec2InstanceId)).toBe(fullest);
    expect(result.started.map((task) => task.ec2InstanceId)).toEqual([result.chosenInstance]);
    expect(result.service).toHaveLength(2);
    expect((await tourTaskContainers(result.cluster)).size).toBe(3 + 4 + 1 + 2);
  }, 120_000);
});
