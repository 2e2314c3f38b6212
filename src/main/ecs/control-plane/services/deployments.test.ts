import { describe, expect, it } from 'vitest';
import { serviceWorld } from './plane-support';

const revision2 = {
  family: 'web',
  containerDefinitions: [
    { name: 'app', image: 'nginx:2', memory: 512, cpu: 256, portMappings: [{ containerPort: 80 }] },
  ],
};

/** Runs a rollout to its end pass by pass, recording the counts after every pass. */
async function rollOut(world: Awaited<ReturnType<typeof serviceWorld>>, desired: number) {
  const seen: { occupying: number; running: number }[] = [];
  for (let pass = 0; pass < 2_000 && !(await world.steady('web', desired)); pass++) {
    await world.run(100);
    const { occupying, running } = world.counts();
    seen.push({ occupying, running });
  }
  expect(await world.steady('web', desired)).toBe(true);
  return seen;
}

describe('rolling deployments', () => {
  it('keeps 100 % healthy and at most 200 % of the tasks while it replaces them all', async () => {
    const world = await serviceWorld();
    await world.create({ desiredCount: 4 });
    await world.runUntil(() => world.steady('web', 4), 'steady at 4');
    const before = new Set(world.counts().tasks.map((task) => task.taskArn));
    await world.plane.registerTaskDefinition(revision2);
    const { service } = await world.plane.updateService({
      service: 'web',
      taskDefinition: 'web:2',
    });
    expect(service?.deployments?.map((d) => [d.status, d.rolloutState])).toEqual([
      ['PRIMARY', 'IN_PROGRESS'],
      ['ACTIVE', 'COMPLETED'],
    ]);
    const seen = await rollOut(world, 4);
    expect(Math.max(...seen.map((counts) => counts.occupying))).toBeLessThanOrEqual(8);
    expect(Math.max(...seen.map((counts) => counts.occupying))).toBeGreaterThan(4);
    expect(Math.min(...seen.map((counts) => counts.running))).toBeGreaterThanOrEqual(4);
    const after = world.counts().tasks;
    expect(after.every((task) => !before.has(task.taskArn))).toBe(true);
    expect(after.every((task) => task.taskDefinitionArn.endsWith('web:2'))).toBe(true);
    const described = await world.describe();
    expect(described.taskDefinition).toMatch(/task-definition\/web:2$/);
    const primary = described.deployments?.[0];
    const messages = await world.messages();
    expect(messages[0]).toBe('(service web) has reached a steady state.');
    expect(messages).toContain(`(service web) (deployment ${primary?.id}) deployment completed.`);
  });

  it('with 0 % / 100 % stops old tasks before starting new ones, never above the count', async () => {
    const world = await serviceWorld();
    await world.create({
      desiredCount: 4,
      deploymentConfiguration: { minimumHealthyPercent: 0, maximumPercent: 100 },
    });
    await world.runUntil(() => world.steady('web', 4), 'steady at 4');
    await world.plane.registerTaskDefinition(revision2);
    await world.plane.updateService({ service: 'web', taskDefinition: 'web:2' });
    const seen = await rollOut(world, 4);
    expect(Math.max(...seen.map((counts) => counts.occupying))).toBeLessThanOrEqual(4);
    expect(Math.min(...seen.map((counts) => counts.running))).toBe(0);
  });

  it('says so when the limits allow no progress', async () => {
    const world = await serviceWorld();
    await world.create({
      desiredCount: 2,
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 100 },
    });
    await world.runUntil(() => world.steady('web', 2), 'steady at 2');
    await world.plane.updateService({ service: 'web', forceNewDeployment: true });
    await world.run(2_000);
    const primary = (await world.describe()).deployments?.[0];
    expect(await world.messages()).toContain(
      `(service web) (deployment ${primary?.id}) cannot make progress: minimumHealthyPercent 100 and maximumPercent 100 allow no task to be started or stopped.`,
    );
  });
});

describe('the deployment circuit breaker', () => {
  it('fails a revision whose tasks cannot start and rolls back to the last completed one', async () => {
    const world = await serviceWorld();
    await world.create({
      desiredCount: 2,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    await world.runUntil(() => world.steady('web', 2), 'steady at 2');
    const completed = (await world.describe()).deployments?.[0];
    world.runtime.failPullsOf('nginx:2');
    await world.plane.registerTaskDefinition(revision2);
    await world.plane.updateService({ service: 'web', taskDefinition: 'web:2' });
    const failing = (await world.describe()).deployments?.[0];
    await world.runUntil(
      async () => (await world.describe()).taskDefinition?.endsWith('web:1') === true,
      'the rollback',
      60 * 60_000,
      5_000,
    );
    await world.runUntil(() => world.steady('web', 2), 'steady after the rollback', 10 * 60_000);
    const described = await world.describe();
    expect(described.deployments?.[0]?.rolloutState).toBe('COMPLETED');
    const messages = await world.messages();
    expect(messages).toContain(
      `(service web) (deployment ${failing?.id}) deployment failed: tasks failed to start.`,
    );
    expect(messages).toContain(`(service web) rolling back to deployment ${completed?.id}.`);
    const history = await world.plane.listServiceDeployments({ service: 'web' });
    expect(history.serviceDeployments?.map((brief) => brief.status)).toEqual([
      'ROLLBACK_SUCCESSFUL',
      'SUCCESSFUL',
    ]);
    const [failed] =
      (
        await world.plane.describeServiceDeployments({
          serviceDeploymentArns: [history.serviceDeployments?.[0]?.serviceDeploymentArn ?? ''],
        })
      ).serviceDeployments ?? [];
    expect(failed?.deploymentCircuitBreaker).toMatchObject({
      status: 'TRIGGERED',
      failureCount: 10,
      threshold: 10,
    });
    expect(failed?.rollback?.reason).toBe('ECS deployment circuit breaker: tasks failed to start.');
  });
});

describe('back-off', () => {
  it('waits longer between attempts when tasks keep failing to start, and says so once', async () => {
    const world = await serviceWorld();
    world.runtime.failPullsOf('nginx:2');
    await world.plane.registerTaskDefinition(revision2);
    await world.create({ taskDefinition: 'web:2', desiredCount: 1 });
    await world.runUntil(
      async () =>
        (await world.messages()).includes(
          '(service web) is unable to consistently start tasks successfully.',
        ),
      'the back-off event',
      10 * 60_000,
      1_000,
    );
    await world.run(15 * 60_000, 1_000);
    const starts = Object.values(world.plane.state.tasks)
      .filter((task) => task.serviceName === 'web')
      .map((task) => task.createdAt ?? 0)
      .sort((a, b) => a - b);
    // A failed start is retried at once; beyond that the scheduler waits, longer each time.
    const waits = starts
      .slice(1)
      .map((at, index) => at - starts[index]!)
      .filter((gap) => gap > 5_000);
    expect(waits.length).toBeGreaterThanOrEqual(3);
    for (let index = 1; index < waits.length; index++) {
      expect(waits[index]).toBeGreaterThan(2 * waits[index - 1]!);
    }
    const said = (await world.messages()).filter((message) =>
      message.includes('is unable to consistently start tasks'),
    );
    expect(said).toHaveLength(1);
  });
});
