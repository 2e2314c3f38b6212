import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  LoadBalancerDataPlane,
  LoadBalancerPlan,
  TargetDrainedEvent,
  TargetHealthEvent,
} from './control-plane/core/load-balancer-port';
import { openEcsSimulator } from './simulator';
import { ManualClock } from '../lib/clock';

// The simulator hands its load balancers' data plane the plan after every durable change,
// and the data plane's health verdicts back to the control plane. The data plane here is a
// fake that records what it is handed.

function fakeDataPlane() {
  const plans: LoadBalancerPlan[] = [];
  const listeners = new Set<(event: TargetHealthEvent) => void>();
  const drainListeners = new Set<(event: TargetDrainedEvent) => void>();
  let closed = false;
  const fake: LoadBalancerDataPlane = {
    apply: (plan) => plans.push(plan),
    onHealth: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onDrained: (listener) => {
      drainListeners.add(listener);
      return () => drainListeners.delete(listener);
    },
    bindings: () => [],
    traffic: () => [],
    unroutable: () => [],
    route: () => undefined,
    close: async () => {
      closed = true;
    },
  };
  return {
    fake,
    plans,
    report: (event: TargetHealthEvent) => listeners.forEach((listener) => listener(event)),
    drained: (event: TargetDrainedEvent) => drainListeners.forEach((listener) => listener(event)),
    listening: () => listeners.size + drainListeners.size,
    closed: () => closed,
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the simulator and its load balancers', () => {
  it('applies the plan as it changes and records the health the data plane reports', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stowage-ecs-lb-'));
    dirs.push(dataDir);
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const dataPlane = fakeDataPlane();
    const simulator = await openEcsSimulator({
      dataDir,
      clock,
      reconcileIntervalMs: 60_000,
      loadBalancers: dataPlane.fake,
      onError: (error) => {
        throw error;
      },
    });
    const plane = simulator.controlPlane;
    expect(dataPlane.plans).toEqual([{ loadBalancers: [], targetGroups: [] }]);
    const lb = (await plane.createLoadBalancer({ Name: 'web' })).LoadBalancers![0]!;
    const group = (
      await plane.createTargetGroup({ Name: 'web', Protocol: 'HTTP', Port: 80, TargetType: 'ip' })
    ).TargetGroups![0]!;
    await plane.createListener({
      LoadBalancerArn: lb.LoadBalancerArn,
      Port: 8080,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: group.TargetGroupArn }],
    });
    await plane.registerTargets({
      TargetGroupArn: group.TargetGroupArn,
      Targets: [{ Id: '10.0.0.7' }],
    });
    const latest = () => dataPlane.plans[dataPlane.plans.length - 1]!;
    expect(dataPlane.plans).toHaveLength(5);
    expect(latest().loadBalancers[0]?.listeners[0]?.port).toBe(8080);
    expect(latest().targetGroups[0]?.targets).toEqual([
      expect.objectContaining({ id: '10.0.0.7', state: 'initial' }),
    ]);

    // A reconcile pass that changes nothing the plan shows hands nothing over.
    await plane.tick();
    const handed = dataPlane.plans.length;
    await plane.tick();
    expect(dataPlane.plans).toHaveLength(handed);

    dataPlane.report({
      kind: 'target.health',
      targetGroupArn: group.TargetGroupArn!,
      targetId: '10.0.0.7',
      port: 80,
      state: 'healthy',
      at: clock.now(),
    });
    await plane.tick();
    const health = await plane.describeTargetHealth({ TargetGroupArn: group.TargetGroupArn });
    expect(health.TargetHealthDescriptions?.[0]?.TargetHealth?.State).toBe('healthy');
    expect(latest().targetGroups[0]?.targets[0]?.state).toBe('healthy');

    // A drain the data plane says has ended takes the target out before its delay is over.
    await plane.deregisterTargets({
      TargetGroupArn: group.TargetGroupArn,
      Targets: [{ Id: '10.0.0.7' }],
    });
    const draining = latest().targetGroups[0]?.targets[0];
    expect(draining?.state).toBe('draining');
    dataPlane.drained({
      kind: 'target.drained',
      targetGroupArn: group.TargetGroupArn!,
      targetId: '10.0.0.7',
      port: 80,
      drainUntil: draining?.drainUntil ?? 0,
      at: clock.now(),
    });
    await plane.tick();
    expect(latest().targetGroups[0]?.targets).toEqual([]);

    await simulator.close();
    expect(dataPlane.listening()).toBe(0);
    expect(dataPlane.closed()).toBe(true);
  });
});
