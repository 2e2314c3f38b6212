import { describe, expect, it } from 'vitest';
import { createPlane } from '../test-support';

// The target health state machine, step by step on the injected clock: registration,
// initial checks, the data plane's verdicts, draining for the deregistration delay, unused.

async function setUp() {
  const world = createPlane();
  const { plane } = world;
  const lb = (await plane.createLoadBalancer({ Name: 'web' })).LoadBalancers![0]!;
  const group = (
    await plane.createTargetGroup({ Name: 'web', Protocol: 'HTTP', Port: 80, TargetType: 'ip' })
  ).TargetGroups![0]!;
  const arn = group.TargetGroupArn!;
  const listen = () =>
    plane.createListener({
      LoadBalancerArn: lb.LoadBalancerArn,
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: arn }],
    });
  const health = async () =>
    (
      (await plane.describeTargetHealth({ TargetGroupArn: arn })).TargetHealthDescriptions ?? []
    ).map((d) => [d.Target?.Id, d.TargetHealth?.State, d.TargetHealth?.Reason]);
  const verdict = (id: string, state: 'healthy' | 'unhealthy', reason?: 'Target.Timeout') =>
    plane.report({
      kind: 'target.health',
      targetGroupArn: arn,
      targetId: id,
      port: 80,
      state,
      ...(reason && { reason }),
      at: world.clock.now(),
    });
  return { ...world, arn, listen, health, verdict };
}

describe('target health', () => {
  it('is unused while no listener forwards to the group, initial once one does', async () => {
    const { plane, arn, listen, health, run } = await setUp();
    await plane.registerTargets({ TargetGroupArn: arn, Targets: [{ Id: '10.0.0.1' }] });
    expect(await health()).toEqual([['10.0.0.1', 'unused', 'Target.NotInUse']]);
    await listen();
    expect(await health()).toEqual([['10.0.0.1', 'initial', 'Elb.RegistrationInProgress']]);
    await run(100);
    expect(await health()).toEqual([['10.0.0.1', 'initial', 'Elb.InitialHealthChecking']]);
  });

  it('follows the verdicts of the data plane, ignoring those from before registration', async () => {
    const { plane, arn, listen, health, verdict, run } = await setUp();
    await listen();
    verdict('10.0.0.1', 'unhealthy');
    await run(100);
    await plane.registerTargets({ TargetGroupArn: arn, Targets: [{ Id: '10.0.0.1' }] });
    await run(100);
    expect(await health()).toEqual([['10.0.0.1', 'initial', 'Elb.InitialHealthChecking']]);
    verdict('10.0.0.1', 'healthy');
    await run(100);
    expect(await health()).toEqual([['10.0.0.1', 'healthy', undefined]]);
    verdict('10.0.0.1', 'unhealthy', 'Target.Timeout');
    await run(100);
    expect(await health()).toEqual([['10.0.0.1', 'unhealthy', 'Target.Timeout']]);
    verdict('10.0.0.1', 'unhealthy');
    await run(100);
    expect(await health()).toEqual([['10.0.0.1', 'unhealthy', 'Target.FailedHealthChecks']]);
  });

  it('drains a deregistered target for the deregistration delay, then forgets it', async () => {
    const { plane, arn, listen, health, verdict, run, clock } = await setUp();
    await listen();
    await plane.registerTargets({
      TargetGroupArn: arn,
      Targets: [{ Id: '10.0.0.1' }, { Id: '10.0.0.2' }],
    });
    verdict('10.0.0.1', 'healthy');
    await run(100);
    await plane.deregisterTargets({ TargetGroupArn: arn, Targets: [{ Id: '10.0.0.1' }] });
    expect((await health())[0]).toEqual([
      '10.0.0.1',
      'draining',
      'Target.DeregistrationInProgress',
    ]);
    // A verdict while draining changes nothing.
    verdict('10.0.0.1', 'unhealthy');
    clock.advance(299_000);
    await plane.tick();
    expect((await health())[0]).toEqual([
      '10.0.0.1',
      'draining',
      'Target.DeregistrationInProgress',
    ]);
    await run(1_000);
    expect(await health()).toEqual([['10.0.0.2', 'initial', 'Elb.InitialHealthChecking']]);
  });

  it('forgets a draining target as soon as the data plane says its drain ended', async () => {
    const { plane, arn, listen, health, run, clock } = await setUp();
    await listen();
    await plane.registerTargets({ TargetGroupArn: arn, Targets: [{ Id: '10.0.0.1' }] });
    await plane.deregisterTargets({ TargetGroupArn: arn, Targets: [{ Id: '10.0.0.1' }] });
    const drainUntil = clock.now() + 300_000;
    const drained = (until: number) =>
      plane.report({
        kind: 'target.drained',
        targetGroupArn: arn,
        targetId: '10.0.0.1',
        port: 80,
        drainUntil: until,
        at: clock.now(),
      });
    // The end of another drain of the same target is not this one's.
    drained(drainUntil - 1);
    await run(100);
    expect(await health()).toEqual([['10.0.0.1', 'draining', 'Target.DeregistrationInProgress']]);
    drained(drainUntil);
    await run(100);
    expect(await health()).toEqual([]);
  });

  it('registers a draining target again as initial', async () => {
    const { plane, arn, listen, health } = await setUp();
    await listen();
    await plane.registerTargets({ TargetGroupArn: arn, Targets: [{ Id: '10.0.0.1' }] });
    await plane.deregisterTargets({ TargetGroupArn: arn, Targets: [{ Id: '10.0.0.1' }] });
    await plane.registerTargets({ TargetGroupArn: arn, Targets: [{ Id: '10.0.0.1' }] });
    expect(await health()).toEqual([['10.0.0.1', 'initial', 'Elb.RegistrationInProgress']]);
  });
});
