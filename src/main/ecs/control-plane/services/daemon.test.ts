import { describe, expect, it } from 'vitest';
import { seededRandom } from '../core/ids';
import type { PlacementInstance } from '../placement';
import { instance } from '../placement/test-support';
import { decideDaemon, type DaemonInput } from './daemon';
import { oldId, primaryId, task } from './test-support';
import type { ServiceTask } from './types';

const request: DaemonInput['request'] = {
  cpu: 128,
  memory: 256,
  hostPorts: [],
  group: 'service:agent',
  taskDefinitionFamily: 'agent',
  constraints: [],
};

function input(
  instances: PlacementInstance[],
  tasks: ServiceTask[],
  overrides: Partial<DaemonInput> = {},
): DaemonInput {
  return {
    primaryDeploymentId: primaryId,
    tasks,
    instances,
    request,
    minimumHealthyPercent: 0,
    now: 1_000,
    random: seededRandom(4),
    ...overrides,
  };
}

const on = (host: PlacementInstance, deploymentId = primaryId) =>
  task({ containerInstanceArn: host.arn, deploymentId });

describe('decideDaemon', () => {
  it('starts one task on every ACTIVE instance without one', () => {
    const hosts = [instance('a'), instance('b'), instance('c')];
    const decision = decideDaemon(input(hosts, [on(hosts[0]!)]));
    expect(decision.startOn).toEqual([hosts[1]!.arn, hosts[2]!.arn]);
    expect(decision.desiredCount).toBe(3);
    expect(decision.stop).toEqual([]);
  });

  it('follows instances as they come and go', () => {
    const a = instance('a');
    const b = instance('b');
    const tasks = [on(a), on(b)];
    // b drains, c registers.
    const c = instance('c');
    const decision = decideDaemon(input([a, { ...b, status: 'DRAINING' }, c], tasks));
    expect(decision.startOn).toEqual([c.arn]);
    expect(decision.stop).toEqual([{ taskArn: tasks[1]!.taskArn, cause: 'scheduler' }]);
    expect(decision.desiredCount).toBe(2);
    // b deregisters: its task (if still there) stops too.
    const gone = decideDaemon(input([a], tasks));
    expect(gone.stop.map((stop) => stop.taskArn)).toEqual([tasks[1]!.taskArn]);
    expect(gone.desiredCount).toBe(1);
  });

  it('skips instances that do not meet the constraints and stops tasks on them', () => {
    const large = instance('large', { attributes: { 'ecs.instance-type': 'm5.xlarge' } });
    const small = instance('small');
    const tasks = [on(small)];
    const decision = decideDaemon(
      input([large, small], tasks, {
        request: {
          ...request,
          constraints: [
            { type: 'memberOf', expression: 'attribute:ecs.instance-type == m5.xlarge' },
          ],
        },
      }),
    );
    expect(decision.desiredCount).toBe(1);
    expect(decision.startOn).toEqual([large.arn]);
    expect(decision.stop.map((stop) => stop.taskArn)).toEqual([tasks[0]!.taskArn]);
  });

  it('names what an eligible instance lacks when it cannot take the task', () => {
    const full = instance('full', { remaining: { cpu: 64 } });
    const decision = decideDaemon(input([full], []));
    expect(decision.startOn).toEqual([]);
    expect(decision.unplaceable).toEqual([{ containerInstanceArn: full.arn, shortfall: 'CPU' }]);
    expect(decision.desiredCount).toBe(1);
  });

  it('keeps one task per instance', () => {
    const a = instance('a');
    const extra = on(a, oldId);
    const kept = on(a);
    const decision = decideDaemon(input([a], [kept, extra]));
    expect(decision.stop.map((stop) => stop.taskArn)).toEqual([extra.taskArn]);
    expect(decision.startOn).toEqual([]);
  });

  it('rolls a new deployment out instance by instance within minimumHealthyPercent', () => {
    const hosts = [instance('a'), instance('b'), instance('c'), instance('d')];
    let tasks = hosts.map((host) => on(host, oldId));
    const decision = decideDaemon(input(hosts, tasks, { minimumHealthyPercent: 50 }));
    // Two of four may go; their instances get the new task once the old one has stopped.
    expect(decision.stop).toHaveLength(2);
    expect(decision.startOn).toEqual([]);
    expect(decision.desiredCountByDeployment).toEqual(
      new Map([
        [primaryId, 4],
        [oldId, 2],
      ]),
    );
    const stopped = new Set(decision.stop.map((stop) => stop.taskArn));
    tasks = tasks.filter((one) => !stopped.has(one.taskArn));
    const next = decideDaemon(input(hosts, tasks, { minimumHealthyPercent: 50 }));
    expect(next.startOn).toHaveLength(2);
    expect(next.stop).toEqual([]);
  });

  it('replaces every task at once with the DAEMON default of 0 %', () => {
    const hosts = [instance('a'), instance('b')];
    const decision = decideDaemon(
      input(
        hosts,
        hosts.map((host) => on(host, oldId)),
      ),
    );
    expect(decision.stop).toHaveLength(2);
  });
});
