import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEcsSimulator, type EcsSimulator } from '../../src/main/ecs/simulator';
import { ManualClock } from '../../src/main/lib/clock';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function open(dataDir: string, clock: ManualClock): Promise<EcsSimulator> {
  return openEcsSimulator({
    dataDir,
    clock,
    simulatedDelays: { pullMs: 200, startMs: 100, sigtermExitMs: 50 },
    reconcileIntervalMs: 60_000,
    onError: (error) => {
      throw error;
    },
  });
}

describe('the ECS service state on disk', () => {
  it('journals lifecycle steps as patches and reopens to the state it had', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stowage-ecs-journal-'));
    dirs.push(dataDir);
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const service = await open(dataDir, clock);
    const plane = service.controlPlane;
    await plane.createCluster({ clusterName: 'c' });
    await plane.launchInstances({ cluster: 'c', instanceType: 'm5.large', count: 2 });
    await plane.registerTaskDefinition({
      family: 'web',
      containerDefinitions: [{ name: 'app', image: 'nginx', memory: 128 }],
    });
    const { tasks } = await plane.runTask({ cluster: 'c', taskDefinition: 'web', count: 4 });
    for (let step = 0; step < 20; step++) {
      clock.advance(50);
      await plane.tick();
    }
    await plane.stopTask({ cluster: 'c', task: tasks?.[0]?.taskArn ?? '' });
    for (let step = 0; step < 10; step++) {
      clock.advance(50);
      await plane.tick();
    }
    const statuses = Object.values(plane.state.tasks).map((task) => task.lastStatus);
    expect(statuses).toContain('RUNNING');
    expect(statuses).toContain('STOPPED');
    const before = structuredClone(plane.state);
    await service.close();

    const journal = readdirSync(join(dataDir, 'ecs'))
      .filter((name) => name.includes('journal'))
      .map((name) => readFileSync(join(dataDir, 'ecs', name), 'utf8'))
      .join('');
    expect(journal).toContain('"kind":"task.patch"');

    const reopened = await open(dataDir, clock);
    expect(reopened.notices).toEqual([]);
    expect(reopened.controlPlane.state).toEqual(before);
    await reopened.close();
  });

  it('keeps services, their deployments and events through a restart, and goes on scheduling', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stowage-ecs-journal-'));
    dirs.push(dataDir);
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const first = await open(dataDir, clock);
    const plane = first.controlPlane;
    const run = async (steps: number) => {
      for (let step = 0; step < steps; step++) {
        clock.advance(50);
        await plane.tick();
      }
    };
    await plane.createCluster({ clusterName: 'c' });
    await plane.launchInstances({ cluster: 'c', instanceType: 'm5.large', count: 2 });
    await plane.registerTaskDefinition({
      family: 'web',
      containerDefinitions: [{ name: 'app', image: 'nginx', memory: 128 }],
    });
    await plane.createService({
      cluster: 'c',
      serviceName: 'web',
      taskDefinition: 'web',
      desiredCount: 2,
    });
    await run(20);
    await plane.updateService({ cluster: 'c', service: 'web', forceNewDeployment: true });
    await run(2);
    const before = (await plane.describeServices({ cluster: 'c', services: ['web'] }))
      .services?.[0];
    expect(before?.deployments).toHaveLength(2);
    expect(before?.events?.length).toBeGreaterThan(0);
    const state = structuredClone(plane.state);
    await first.close();

    const second = await open(dataDir, clock);
    expect(second.notices).toEqual([]);
    expect(second.controlPlane.state).toEqual(state);
    const after = (await second.controlPlane.describeServices({ cluster: 'c', services: ['web'] }))
      .services?.[0];
    expect(after).toEqual(before);
    for (let step = 0; step < 40; step++) {
      clock.advance(50);
      await second.controlPlane.tick();
    }
    const settled = (
      await second.controlPlane.describeServices({ cluster: 'c', services: ['web'] })
    ).services?.[0];
    expect(settled?.deployments?.map((deployment) => deployment.rolloutState)).toEqual([
      'COMPLETED',
    ]);
    expect(settled?.runningCount).toBe(2);
    await second.close();
  });
});
