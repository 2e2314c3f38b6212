import { describe, expect, it } from 'vitest';
import { createPlane, web } from '../test-support';
import { loadBalancerPlanOf } from './plan';

// The plan the data plane serves, derived from the state: listeners with their forwarding,
// target groups with their health checks, and where each target is reached on each runtime.

async function setUp() {
  const world = createPlane();
  const { plane } = world;
  await plane.createCluster();
  await plane.launchInstances({ instanceType: 'm5.xlarge', count: 1 });
  const lb = (await plane.createLoadBalancer({ Name: 'web' })).LoadBalancers![0]!;
  const group = (
    await plane.createTargetGroup({
      Name: 'web',
      Protocol: 'HTTP',
      Port: 80,
      TargetType: 'ip',
      HealthCheckPath: '/health',
    })
  ).TargetGroups![0]!;
  await plane.createListener({
    LoadBalancerArn: lb.LoadBalancerArn,
    Port: 8080,
    DefaultActions: [{ Type: 'forward', TargetGroupArn: group.TargetGroupArn }],
  });
  return { ...world, lb, group };
}

describe('the load balancer plan', () => {
  it('carries listeners, health checks and a hand-registered address', async () => {
    const { plane, lb, group } = await setUp();
    await plane.registerTargets({
      TargetGroupArn: group.TargetGroupArn,
      Targets: [{ Id: '192.168.1.9', Port: 9000 }],
    });
    const plan = loadBalancerPlanOf(plane.state, { runtime: 'docker' });
    expect(plan.loadBalancers).toEqual([
      {
        loadBalancerArn: lb.LoadBalancerArn,
        name: 'web',
        dnsName: lb.DNSName,
        state: 'provisioning',
        listeners: [
          expect.objectContaining({
            port: 8080,
            protocol: 'HTTP',
            forward: [{ targetGroupArn: group.TargetGroupArn, weight: 1 }],
          }),
        ],
      },
    ]);
    expect(plan.targetGroups[0]).toMatchObject({
      targetType: 'ip',
      deregistrationDelaySeconds: 300,
      healthCheck: { path: '/health', port: 'traffic-port', intervalSeconds: 30, matcher: '200' },
      targets: [
        {
          id: '192.168.1.9',
          port: 9000,
          state: 'initial',
          reason: 'Elb.RegistrationInProgress',
          endpoint: { kind: 'address', host: '192.168.1.9', port: 9000 },
        },
      ],
    });
  });

  it('reaches a task at an ip target: the task itself when simulated, its address on Docker', async () => {
    const { plane, group, run } = await setUp();
    await plane.registerTaskDefinition({ ...web, networkMode: 'awsvpc' });
    const { tasks } = await plane.runTask({
      taskDefinition: 'web',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
    });
    const task = tasks![0]!;
    await run(5_000);
    const address =
      plane.state.tasks[task.taskArn!]!.containers[0]!.networkInterfaces![0]!.privateIpv4Address!;
    await plane.registerTargets({
      TargetGroupArn: group.TargetGroupArn,
      Targets: [{ Id: address }],
    });
    const simulated = loadBalancerPlanOf(plane.state, { runtime: 'simulated' }).targetGroups[0]!
      .targets[0];
    expect(simulated).toMatchObject({
      taskArn: task.taskArn,
      endpoint: { kind: 'simulated', taskArn: task.taskArn, containerName: 'app', healthy: true },
    });
    const docker = loadBalancerPlanOf(plane.state, { runtime: 'docker' }).targetGroups[0]!
      .targets[0];
    expect(docker?.endpoint).toEqual({ kind: 'address', host: address, port: 80 });

    await plane.stopTask({ task: task.taskArn! });
    await run(5_000);
    const stopped = loadBalancerPlanOf(plane.state, { runtime: 'simulated' }).targetGroups[0]!
      .targets[0];
    expect(stopped?.endpoint).toEqual({ kind: 'address', host: address, port: 80 });
  });
});
