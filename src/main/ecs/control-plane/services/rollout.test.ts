import { describe, expect, it } from 'vitest';
import { advanceDeployments, startDeployment, toDeployments } from './rollout';
import { oldId, primaryId, service } from './test-support';
import { World } from './test-world';
import type { ServiceDeploymentRecord } from './types';

const ids = (id: string) => ({
  id,
  serviceDeploymentArn: `arn:aws:ecs:us-east-1:000000000000:service-deployment/test/web/${id.slice(-4)}`,
  serviceRevisionArn: `arn:aws:ecs:us-east-1:000000000000:service-revision/test/web/${id.slice(-4)}`,
});

/** Decide, apply, advance the deployments, settle: one scheduler round. */
function round(world: World, records: ServiceDeploymentRecord[]) {
  const decision = world.decide();
  world.apply(decision);
  const advanced = advanceDeployments(
    records,
    'web',
    decision.desiredCountByDeployment,
    world.tasks,
    world.now,
  );
  world.settle();
  world.now += 1_000;
  return { decision, ...advanced };
}

describe('rolling deployments', () => {
  it('goes from IN_PROGRESS to COMPLETED and retires the old deployment', () => {
    const world = new World(service({ desiredCount: 2 }));
    world.addInstances('us-east-1a', 1);
    world.addInstances('us-east-1b', 1);
    world.primaryDeploymentId = oldId;
    let records = startDeployment(
      [],
      { taskDefinition: 'web:1', launchType: 'EC2' },
      ids(oldId),
      2,
      [],
      world.now,
    );
    const messages: string[] = [];
    for (let index = 0; index < 5; index++) {
      const result = round(world, records);
      records = result.records;
      messages.push(...result.messages);
    }
    expect(records[0]).toMatchObject({
      status: 'PRIMARY',
      rolloutState: 'COMPLETED',
      rolloutStateReason: `ECS deployment ${oldId} completed.`,
    });
    expect(messages).toEqual([`(service web) (deployment ${oldId}) deployment completed.`]);

    records = startDeployment(
      records,
      { taskDefinition: 'web:2', launchType: 'EC2' },
      ids(primaryId),
      2,
      world.tasks,
      world.now,
    );
    world.primaryDeploymentId = primaryId;
    expect(records.map((record) => [record.id, record.status, record.rolloutState])).toEqual([
      [primaryId, 'PRIMARY', 'IN_PROGRESS'],
      [oldId, 'ACTIVE', 'COMPLETED'],
    ]);
    expect(records[0]!.rolloutStateReason).toBe(`ECS deployment ${primaryId} in progress.`);
    expect(records[0]!.sourceRevisions).toEqual([
      { arn: ids(oldId).serviceRevisionArn, requestedTaskCount: 2, runningTaskCount: 2 },
    ]);

    // 100/200: both new tasks start; the old ones stay until the new are healthy.
    const first = round(world, records);
    records = first.records;
    const view = toDeployments(records, world.tasks);
    expect(view.map((deployment) => [deployment.status, deployment.desiredCount])).toEqual([
      ['PRIMARY', 2],
      ['ACTIVE', 2],
    ]);
    const second = round(world, records);
    records = second.records;
    expect(second.decision.stop).toHaveLength(2);
    const third = round(world, records);
    records = third.records;
    expect(third.messages).toEqual([
      `(service web) (deployment ${primaryId}) deployment completed.`,
    ]);
    expect(records.find((record) => record.id === oldId)?.status).toBe('INACTIVE');
    expect(toDeployments(records, world.tasks)).toHaveLength(1);
  });

  it('marks a deployment replaced before it completed as stopped', () => {
    const records = startDeployment(
      [],
      { taskDefinition: 'web:1', launchType: 'EC2' },
      ids(oldId),
      2,
      [],
      5,
    );
    const next = startDeployment(
      records,
      { taskDefinition: 'web:2', launchType: 'EC2' },
      ids(primaryId),
      2,
      [],
      9,
    );
    expect(next[1]).toMatchObject({
      status: 'ACTIVE',
      stoppedAt: 9,
      finishedAt: 9,
      rolloutState: 'IN_PROGRESS',
    });
  });

  it('shows running and pending counts per deployment', () => {
    const world = new World(service({ desiredCount: 3 }));
    world.addInstances('us-east-1a', 1);
    const records = startDeployment(
      [],
      { taskDefinition: 'web:1', launchType: 'EC2' },
      ids(primaryId),
      3,
      [],
      0,
    );
    world.apply(world.decide());
    world.tasks[0] = { ...world.tasks[0]!, lastStatus: 'RUNNING' };
    expect(toDeployments(records, world.tasks)[0]).toMatchObject({
      desiredCount: 3,
      runningCount: 1,
      pendingCount: 2,
      failedTasks: 0,
      createdAt: new Date(0),
    });
  });
});
