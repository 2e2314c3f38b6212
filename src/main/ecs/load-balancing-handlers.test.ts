import { describe, expect, it } from 'vitest';
import { StowageError } from '../../shared';
import type { LoadBalancerDataPlane } from './control-plane/core/load-balancer-port';
import { createPlane, web } from './control-plane/test-support';
import { ecsLoadBalancingHandlers } from './load-balancing-handlers';
import { callOn, ecsTestRouter, simulatedAppEcs } from './test-support';

// The load-balancing calls through the real router: create and list with targets, health,
// the data plane's counts and bindings (from a fake data plane), the cluster filter, and
// ELB's refusals as the renderer gets them.

describe('ECS load-balancing calls', () => {
  it('creates, lists with targets and counts, filters by cluster, and refuses as ELB does', async () => {
    const setup = createPlane();
    const { plane, run } = setup;
    const app = simulatedAppEcs(setup);
    let traffic: ReturnType<LoadBalancerDataPlane['traffic']> = [];
    let unroutable: ReturnType<LoadBalancerDataPlane['unroutable']> = [];
    let listenerArn = '';
    // A fake data plane: the listener served on its own port, the counts set below.
    const dataPlane: LoadBalancerDataPlane = {
      apply: () => undefined,
      onHealth: () => () => undefined,
      onDrained: () => () => undefined,
      close: async () => undefined,
      bindings: () => [{ listenerArn, directUrl: 'http://127.0.0.1:8080' }],
      traffic: () => traffic,
      unroutable: () => unroutable,
      route: () => undefined,
    };
    const withDataPlane = {
      ...app,
      get: async () => ({ ...(await app.get()), loadBalancers: dataPlane }),
    };
    const router = ecsTestRouter(
      ecsLoadBalancingHandlers(withDataPlane, async () => 'http://127.0.0.1:4566'),
    );
    await plane.createCluster({ clusterName: 'demo' });
    await plane.launchInstances({ cluster: 'demo', instanceType: 'm5.large', count: 1 });
    await plane.registerTaskDefinition(web);

    const lb = await callOn(router, 'ecs.loadBalancers.create', { request: { Name: 'web' } });
    expect(lb).toMatchObject({ LoadBalancerName: 'web', State: { Code: 'provisioning' } });
    expect(typeof lb.CreatedTime).toBe('number');
    const group = await callOn(router, 'ecs.targetGroups.create', {
      request: { Name: 'web', Protocol: 'HTTP', Port: 80, TargetType: 'instance' },
    });
    const other = await callOn(router, 'ecs.targetGroups.create', {
      request: { Name: 'other', Protocol: 'HTTP', Port: 80, TargetType: 'ip' },
    });
    const listener = await callOn(router, 'ecs.listeners.create', {
      request: {
        LoadBalancerArn: lb.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: 8080,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: group.TargetGroupArn }],
      },
    });
    listenerArn = listener.ListenerArn ?? '';
    const { service } = await plane.createService({
      cluster: 'demo',
      serviceName: 'web',
      taskDefinition: 'web',
      desiredCount: 1,
      loadBalancers: [
        { targetGroupArn: group.TargetGroupArn, containerName: 'app', containerPort: 80 },
      ],
    });
    await run(5_000);
    const [registered] =
      (await plane.describeTargetHealth({ TargetGroupArn: group.TargetGroupArn }))
        .TargetHealthDescriptions ?? [];
    traffic = [
      {
        targetGroupArn: group.TargetGroupArn ?? '',
        targetId: registered?.Target?.Id ?? '',
        port: registered?.Target?.Port ?? 0,
        requests: 30,
        errors: 1,
      },
    ];
    unroutable = [
      { listenerArn, targetGroupArn: group.TargetGroupArn ?? '', responses: 4 },
      { listenerArn, responses: 1 },
    ];

    const all = await callOn(router, 'ecs.loadBalancers.list', {});
    expect(all.loadBalancers).toHaveLength(1);
    expect(all.loadBalancers[0]).toMatchObject({
      endpointUrl: 'http://127.0.0.1:4566',
      listeners: [
        {
          listener: { Port: 8080 },
          directUrl: 'http://127.0.0.1:8080',
          unroutable: [{ targetGroupArn: group.TargetGroupArn, responses: 4 }, { responses: 1 }],
        },
      ],
    });
    const webGroup = all.targetGroups.find((g) => g.targetGroup.TargetGroupName === 'web');
    expect(webGroup?.serviceArns).toEqual([service?.serviceArn]);
    expect(webGroup?.unroutable).toBe(4);
    const otherGroup = all.targetGroups.find((g) => g.targetGroup.TargetGroupName === 'other');
    expect(otherGroup).not.toHaveProperty('unroutable');
    expect(webGroup?.targets).toEqual([
      {
        health: expect.objectContaining({
          TargetHealth: expect.objectContaining({ State: 'initial' }),
        }),
        taskArn: expect.stringMatching(/:task\/demo\//),
        requests: 30,
        errors: 1,
      },
    ]);
    expect(all.targetGroups.map((g) => g.targetGroup.TargetGroupName).sort()).toEqual([
      'other',
      'web',
    ]);

    // Another cluster sees what no service uses, not what demo's services use.
    const elsewhere = await callOn(router, 'ecs.loadBalancers.list', { cluster: 'elsewhere' });
    expect(elsewhere.loadBalancers).toEqual([]);
    expect(elsewhere.targetGroups.map((g) => g.targetGroup.TargetGroupName)).toEqual(['other']);
    const demo = await callOn(router, 'ecs.loadBalancers.list', { cluster: 'demo' });
    expect(demo.loadBalancers).toHaveLength(1);

    const refused = await callOn(router, 'ecs.targetGroups.delete', {
      targetGroupArn: group.TargetGroupArn ?? '',
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StowageError);
    expect((refused as StowageError).details).toEqual({ type: 'ResourceInUse' });

    const modified = await callOn(router, 'ecs.listeners.modify', {
      request: { ListenerArn: listenerArn, Port: 9090 },
    });
    expect(modified.Port).toBe(9090);
    await callOn(router, 'ecs.listeners.delete', { listenerArn });
    await callOn(router, 'ecs.targetGroups.delete', { targetGroupArn: other.TargetGroupArn ?? '' });
    await callOn(router, 'ecs.loadBalancers.delete', { loadBalancerArn: lb.LoadBalancerArn ?? '' });
    const after = await callOn(router, 'ecs.loadBalancers.list', {});
    expect(after.loadBalancers).toEqual([]);
    expect(after.targetGroups.map((g) => g.targetGroup.TargetGroupName)).toEqual(['web']);
  });
});
