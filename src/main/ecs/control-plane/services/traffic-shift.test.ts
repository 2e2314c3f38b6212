import { describe, expect, it } from 'vitest';
import { shiftSettingsOf, type ShiftSettings } from './strategy-config';
import {
  heldDeployments,
  productionWeights,
  startTrafficShift,
  stepTrafficShift,
  trafficPlan,
  withAdoptedTasks,
  type TrafficShift,
} from './traffic-shift';
import type { ServiceDeploymentRecord } from './types';

const minute = 60_000;

/** Steps from `shift` at `now`, recording each stage and green share it passes. */
function walk(
  shift: TrafficShift,
  settings: ShiftSettings,
  now: number,
  greenReady = true,
): { shift: TrafficShift; seen: string[] } {
  const seen: string[] = [];
  let current = shift;
  for (let guard = 0; guard < 20; guard++) {
    const next = stepTrafficShift(current, settings, { greenReady }, now);
    if (next === current) break;
    current = next;
    seen.push(`${current.stage} ${current.greenTenths / 10}%`);
  }
  return { shift: current, seen };
}

describe('a traffic shift, step by step on the clock', () => {
  it('BLUE_GREEN: scales up, tests, switches production at once, bakes, then cleans up', () => {
    const settings = shiftSettingsOf('BLUE_GREEN', { bakeTimeInMinutes: 5 });
    const start = startTrafficShift('BLUE_GREEN', 0);
    expect(start.stage).toBe('RECONCILE_SERVICE');

    const waiting = walk(start, settings, 0, false);
    expect(waiting.seen).toEqual(['PRE_SCALE_UP 0%', 'SCALE_UP 0%']);
    expect(stepTrafficShift(waiting.shift, settings, { greenReady: false }, minute)).toBe(
      waiting.shift,
    );

    const switched = walk(waiting.shift, settings, minute);
    expect(switched.seen).toEqual([
      'POST_SCALE_UP 0%',
      'TEST_TRAFFIC_SHIFT 0%',
      'POST_TEST_TRAFFIC_SHIFT 0%',
      'PRODUCTION_TRAFFIC_SHIFT 100%',
      'POST_PRODUCTION_TRAFFIC_SHIFT 100%',
      'BAKE_TIME 100%',
    ]);
    // Bakes five minutes from entering BAKE_TIME.
    expect(walk(switched.shift, settings, 6 * minute - 1).seen).toEqual([]);
    expect(walk(switched.shift, settings, 6 * minute).seen).toEqual(['CLEAN_UP 100%']);
  });

  it('LINEAR: moves stepPercent at a time with stepBakeTimeInMinutes between steps', () => {
    const settings = shiftSettingsOf('LINEAR', {
      bakeTimeInMinutes: 0,
      linearConfiguration: { stepPercent: 40, stepBakeTimeInMinutes: 2 },
    });
    const toFirst = walk(startTrafficShift('LINEAR', 0), settings, 0);
    expect(toFirst.seen.at(-1)).toBe('PRODUCTION_TRAFFIC_SHIFT 40%');
    expect(walk(toFirst.shift, settings, 2 * minute - 1).seen).toEqual([]);
    const second = walk(toFirst.shift, settings, 2 * minute);
    expect(second.seen).toEqual(['PRODUCTION_TRAFFIC_SHIFT 80%']);
    const last = walk(second.shift, settings, 4 * minute);
    // The last step is capped at 100 %, and no step bake follows it.
    expect(last.seen).toEqual([
      'PRODUCTION_TRAFFIC_SHIFT 100%',
      'POST_PRODUCTION_TRAFFIC_SHIFT 100%',
      'BAKE_TIME 100%',
      'CLEAN_UP 100%',
    ]);
  });

  it('CANARY: moves canaryPercent, bakes canaryBakeTimeInMinutes, then the rest', () => {
    const settings = shiftSettingsOf('CANARY', {
      bakeTimeInMinutes: 1,
      canaryConfiguration: { canaryPercent: 12.5, canaryBakeTimeInMinutes: 3 },
    });
    const canary = walk(startTrafficShift('CANARY', 0), settings, 0);
    expect(canary.seen.at(-1)).toBe('PRODUCTION_TRAFFIC_SHIFT 12.5%');
    expect(walk(canary.shift, settings, 3 * minute - 1).seen).toEqual([]);
    const rest = walk(canary.shift, settings, 3 * minute);
    expect(rest.seen).toEqual([
      'PRODUCTION_TRAFFIC_SHIFT 100%',
      'POST_PRODUCTION_TRAFFIC_SHIFT 100%',
      'BAKE_TIME 100%',
    ]);
    expect(walk(rest.shift, settings, 4 * minute).seen).toEqual(['CLEAN_UP 100%']);
  });

  it('takes the API defaults: LINEAR 10 % every 6 minutes, CANARY 5 % for 10 minutes', () => {
    expect(shiftSettingsOf('LINEAR', {})).toEqual({
      strategy: 'LINEAR',
      bakeTimeMs: 0,
      stepTenths: 100,
      stepBakeMs: 6 * minute,
    });
    expect(shiftSettingsOf('CANARY', { bakeTimeInMinutes: 2 })).toEqual({
      strategy: 'CANARY',
      bakeTimeMs: 2 * minute,
      stepTenths: 50,
      stepBakeMs: 10 * minute,
    });
  });

  it('weighs production within ELB weights of 0–999', () => {
    expect(productionWeights(0)).toEqual({ blue: 999, green: 0 });
    expect(productionWeights(1)).toEqual({ blue: 999, green: 1 });
    expect(productionWeights(125)).toEqual({ blue: 875, green: 125 });
    expect(productionWeights(1000)).toEqual({ blue: 0, green: 999 });
  });
});

function record(overrides: Partial<ServiceDeploymentRecord>): ServiceDeploymentRecord {
  return {
    id: 'ecs-svc/1',
    status: 'PRIMARY',
    taskDefinition: 'web:1',
    desiredCount: 2,
    failedTasks: 0,
    createdAt: 0,
    updatedAt: 0,
    launchType: 'EC2',
    rolloutState: 'COMPLETED',
    rolloutStateReason: '',
    serviceDeploymentArn: 'sd',
    serviceRevisionArn: 'sr',
    sourceRevisions: [],
    ...overrides,
  };
}

describe('blue and green as the scheduler and listeners see them', () => {
  const blue = record({ id: 'ecs-svc/blue', status: 'ACTIVE' });
  const green = record({
    id: 'ecs-svc/green',
    rolloutState: 'IN_PROGRESS',
    onAlternateGroups: true,
    trafficShift: { ...startTrafficShift('BLUE_GREEN', 0), stage: 'BAKE_TIME', greenTenths: 1000 },
  });

  it('holds blue until CLEAN_UP, then lets it drain', () => {
    expect([...heldDeployments([green, blue])]).toEqual(['ecs-svc/blue']);
    const cleaning = {
      ...green,
      trafficShift: { ...green.trafficShift!, stage: 'CLEAN_UP' as const },
    };
    expect(heldDeployments([cleaning, blue]).size).toBe(0);
    // A deployment interrupted in green's own group is not blue: it drains.
    const interrupted = record({ id: 'ecs-svc/old', status: 'ACTIVE', onAlternateGroups: true });
    expect([...heldDeployments([green, blue, interrupted])]).toEqual(['ecs-svc/blue']);
  });

  it('plans production on blue with green’s share while shifting, all on PRIMARY after', () => {
    expect(trafficPlan([green, blue])).toEqual({
      blueOnAlternate: false,
      greenTenths: 1000,
      testOnGreen: true,
    });
    const scaling = {
      ...green,
      trafficShift: { ...green.trafficShift!, stage: 'SCALE_UP' as const, greenTenths: 0 },
    };
    expect(trafficPlan([scaling, blue])).toEqual({
      blueOnAlternate: false,
      greenTenths: 0,
      testOnGreen: false,
    });
    // Completed: green is production now, and the next deployment's blue.
    const done = { ...green, rolloutState: 'COMPLETED' as const };
    expect(trafficPlan([done])).toEqual({
      blueOnAlternate: true,
      greenTenths: 0,
      testOnGreen: false,
    });
  });

  it('counts blue’s tasks as the rollback’s that took them over', () => {
    const rollback = record({
      id: 'ecs-svc/rollback',
      rolloutState: 'IN_PROGRESS',
      adopts: 'ecs-svc/blue',
    });
    const tasks = [
      { taskArn: 'a', deploymentId: 'ecs-svc/blue' },
      { taskArn: 'b', deploymentId: 'ecs-svc/green' },
    ];
    expect(withAdoptedTasks([rollback, green, blue], tasks).map((t) => t.deploymentId)).toEqual([
      'ecs-svc/rollback',
      'ecs-svc/green',
    ]);
    // The rollback plans all traffic back on blue's group.
    expect(trafficPlan([rollback, { ...green, status: 'ACTIVE', rolloutState: 'FAILED' }])).toEqual(
      {
        blueOnAlternate: false,
        greenTenths: 0,
        testOnGreen: false,
      },
    );
  });
});
