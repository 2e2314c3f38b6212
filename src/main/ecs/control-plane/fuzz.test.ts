import { describe, expect, it } from 'vitest';
import { fuzzBody, operationSets } from '../../../../test/ecs/fuzz-bodies';
import { seededRandom } from '../../../../test/fuzz/generate';
import { EcsApiError } from './core/ecs-api-error';
import { ecsOperations } from './registry';
import { createPlane, web } from './test-support';

// Generated bodies (right kinds, boundaries, wrong kinds, junk) straight at every operation
// (ECS's, ELBv2's and Application Auto Scaling's): each answers or throws an EcsApiError in
// its API's words, never anything else.

const bodiesPerOperation = 80;

describe('control plane under generated input', () => {
  it('answers every generated call or refuses it as ECS would', async () => {
    const { plane, run } = createPlane();
    await plane.createCluster();
    const [instance] = await plane.launchInstances({ instanceType: 'm5.xlarge', count: 2 });
    await plane.registerTaskDefinition(web);
    const { tasks } = await plane.runTask({ taskDefinition: 'web' });
    const lb = (await plane.createLoadBalancer({ Name: 'web' })).LoadBalancers?.[0];
    const group = (
      await plane.createTargetGroup({ Name: 'web', Protocol: 'HTTP', Port: 80, TargetType: 'ip' })
    ).TargetGroups?.[0];
    const listener = (
      await plane.createListener({
        LoadBalancerArn: lb?.LoadBalancerArn,
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: group?.TargetGroupArn }],
      })
    ).Listeners?.[0];
    await plane.createService({ serviceName: 'web', taskDefinition: 'web', desiredCount: 1 });
    await plane.registerScalableTarget({
      ServiceNamespace: 'ecs',
      ResourceId: 'service/default/web',
      ScalableDimension: 'ecs:service:DesiredCount',
      MinCapacity: 1,
      MaxCapacity: 4,
    });
    const refs = [
      lb?.LoadBalancerArn ?? '',
      group?.TargetGroupArn ?? '',
      listener?.ListenerArn ?? '',
      instance?.ec2InstanceId ?? '',
      'default',
      'web',
      'web:1',
      instance?.containerInstanceArn ?? '',
      tasks?.[0]?.taskArn ?? '',
      'arn:aws:ecs:us-east-1:000000000000:cluster/default',
      'service/default/web',
      'service/default/nowhere',
    ];
    const random = seededRandom(20261201);
    const unexpected: string[] = [];
    const called = new Set<string>();
    let calls = 0;
    for (const operations of Object.values(operationSets)) {
      for (const [operation, members] of Object.entries(operations)) {
        const entry = ecsOperations.get(operation);
        expect(entry, `${operation} is in the registry`).toBeDefined();
        if (!entry) continue;
        for (let i = 0; i < bodiesPerOperation; i++) {
          const body = fuzzBody(random, members, { refs });
          let input: unknown;
          try {
            input = JSON.parse(body);
          } catch {
            continue;
          }
          calls++;
          called.add(operation);
          try {
            await plane.invoke(entry, input);
          } catch (error) {
            if (!(error instanceof EcsApiError)) {
              unexpected.push(`${operation} ${body.slice(0, 300)}: ${String(error)}`);
            }
          }
        }
        await run(500);
      }
    }
    expect(unexpected).toEqual([]);
    // Every operation of the registry was reached, nearly every body of each.
    expect([...called].sort()).toEqual([...ecsOperations.keys()].sort());
    expect(calls).toBeGreaterThan(ecsOperations.size * bodiesPerOperation * 0.9);
  }, 60_000);
});
