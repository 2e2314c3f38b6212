import { describe, expect, it } from 'vitest';
import { createPlane, web } from '../control-plane/test-support';
import { EcsEventLog } from './state-change-events';

/** A control plane whose committed changes feed an event log, as the app wires them. */
async function followed() {
  const setup = createPlane();
  await setup.plane.createCluster({ clusterName: 'demo' });
  const [instance] = await setup.plane.launchInstances({
    cluster: 'demo',
    instanceType: 'm5.large',
  });
  await setup.plane.registerTaskDefinition(web);
  const log = new EcsEventLog();
  // Started after the set-up: what already happened makes no event.
  log.start(setup.plane.state);
  setup.plane.subscribe((changes, state) => log.record(changes, state, setup.clock.now()));
  return { ...setup, log, instance };
}

describe('the ECS event log', () => {
  it('says each step of a task, as ECS task state change events, newest first', async () => {
    const { plane, run, log, instance } = await followed();
    const { tasks } = await plane.runTask({ cluster: 'demo', taskDefinition: 'web' });
    const taskArn = tasks?.[0]?.taskArn ?? '';
    await run(5_000);
    await plane.stopTask({ cluster: 'demo', task: taskArn, reason: 'done with it' });
    await run(60_000);

    const events = log.list('demo');
    expect(events.every((event) => event.detailType === 'ECS Task State Change')).toBe(true);
    expect(events.map((event) => `${event.lastStatus}/${event.desiredStatus}`).reverse()).toEqual([
      'PENDING/RUNNING',
      'ACTIVATING/RUNNING',
      'RUNNING/RUNNING',
      'RUNNING/STOPPED',
      'DEACTIVATING/STOPPED',
      'STOPPING/STOPPED',
      'STOPPED/STOPPED',
    ]);
    expect(events[0]).toMatchObject({
      resourceArn: taskArn,
      stoppedReason: 'done with it',
      stopCode: 'UserInitiated',
      containerInstanceArn: instance?.containerInstanceArn,
      ec2InstanceId: instance?.ec2InstanceId,
    });
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    expect(log.list('other')).toEqual([]);
  });

  it('says when an instance drains and when its agent disconnects', async () => {
    const { plane, log, instance } = await followed();
    const arn = instance?.containerInstanceArn ?? '';
    await plane.updateContainerInstancesState({
      cluster: 'demo',
      containerInstances: [arn],
      status: 'DRAINING',
    });
    await plane.setAgentConnected('demo', arn, false);
    expect(
      log.list().map((event) => [event.detailType, event.status, event.agentConnected]),
    ).toEqual([
      ['ECS Container Instance State Change', 'DRAINING', false],
      ['ECS Container Instance State Change', 'DRAINING', true],
    ]);
    expect(log.list()[0]?.ec2InstanceId).toBe(instance?.ec2InstanceId);
  });

  it('keeps only the most recent events', async () => {
    const setup = createPlane();
    await setup.plane.createCluster({ clusterName: 'demo' });
    const log = new EcsEventLog(2);
    log.start(setup.plane.state);
    setup.plane.subscribe((changes, state) => log.record(changes, state, setup.clock.now()));
    await setup.plane.launchInstances({ cluster: 'demo', instanceType: 'm5.large', count: 3 });
    expect(log.list()).toHaveLength(2);
  });
});
