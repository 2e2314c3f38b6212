import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/wait-for';
import { createPlane } from './control-plane/test-support';
import type { PlannedTarget } from './control-plane/core/load-balancer-port';
import { createLoadBalancerDataPlane, type LoadBalancerProxy } from './load-balancer/data-plane';
import { listenerArn, plan, targetGroup } from './load-balancer/test-support';
import { callOn, ecsTestRouter, simulatedAppEcs } from './test-support';
import { ecsTrafficHandlers } from './traffic-handlers';
import type { AppEcs } from './simulator';
import { systemClock } from '../lib/clock';

const simulatedTarget = (task: string, healthy = true): PlannedTarget => ({
  id: `10.0.0.${task.length}`,
  port: 80,
  state: 'healthy',
  endpoint: {
    kind: 'simulated',
    taskArn: `arn:aws:ecs:us-east-1:000000000000:task/default/${task}`,
    containerName: 'web',
    healthy,
  },
});

let proxy: LoadBalancerProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

function routerWith(dataPlane: LoadBalancerProxy | undefined) {
  const base = simulatedAppEcs(createPlane());
  const ecs: AppEcs = {
    ...base,
    get: async () => ({
      ...(await base.get()),
      ...(dataPlane ? { loadBalancers: dataPlane } : {}),
    }),
  };
  return ecsTestRouter(ecsTrafficHandlers(ecs, systemClock));
}

describe('traffic runs', () => {
  it('send requests at the rate for the duration and tally them by status and target', async () => {
    proxy = createLoadBalancerDataPlane({ clock: systemClock });
    proxy.apply(plan(80, [targetGroup('web', [simulatedTarget('one'), simulatedTarget('three')])]));
    await proxy.settled();
    const router = routerWith(proxy);
    const started = await callOn(router, 'ecs.traffic.start', {
      listenerArn,
      requestsPerSecond: 20,
      durationSeconds: 1,
    });
    expect(started.url).toBe(`${proxy.bindings()[0]?.fallbackUrl}/`);
    expect(started.listenerArn).toBe(listenerArn);
    const done = await waitFor(
      async () => {
        const [run] = await callOn(router, 'ecs.traffic.list', {});
        return run?.stoppedAt !== undefined && run.byStatus['200'] === 20 && run;
      },
      { what: 'the run to end with 20 answers', timeoutMs: 20_000 },
    );
    expect(done.sent).toBe(20);
    expect(done.byStatus).toEqual({ '200': 20 });
    expect(done.byTarget).toEqual(
      expect.arrayContaining([
        { target: 'one:80', responses: 10 },
        { target: 'three:80', responses: 10 },
      ]),
    );
    expect(done.latencyMs?.p50).toBeGreaterThan(0);
    expect(proxy.traffic().map((row) => row.requests)).toEqual([10, 10]);
  });

  it('stop when told, and say why a listener cannot be reached', async () => {
    proxy = createLoadBalancerDataPlane({ clock: systemClock });
    proxy.apply(plan(80, [targetGroup('web', [simulatedTarget('one')])]));
    await proxy.settled();
    const router = routerWith(proxy);
    const started = await callOn(router, 'ecs.traffic.start', {
      listenerArn,
      requestsPerSecond: 5,
      durationSeconds: 3600,
    });
    const stopped = await callOn(router, 'ecs.traffic.stop', { id: started.id });
    expect(stopped.stoppedAt).toBeDefined();
    await expect(callOn(router, 'ecs.traffic.stop', { id: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      callOn(router, 'ecs.traffic.start', {
        listenerArn: `${listenerArn}0`,
        requestsPerSecond: 5,
        durationSeconds: 1,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      callOn(routerWith(undefined), 'ecs.traffic.start', {
        listenerArn,
        requestsPerSecond: 5,
        durationSeconds: 1,
      }),
    ).rejects.toMatchObject({ code: 'OPERATION_FAILED' });
  });
});
