import { describe, expect, it } from 'vitest';
import type { TargetHealthState } from '../control-plane/core/load-balancer-port';
import { RoundRobin, routableTargets, sameForward, WeightedPicker } from './routing';

const target = (name: string, state: TargetHealthState, reachable = true) => ({
  name,
  state,
  reachable,
});
const names = (targets: { name: string }[]) => targets.map((t) => t.name);

describe('routable targets', () => {
  it('are the healthy ones when any is healthy', () => {
    const targets = [
      target('a', 'healthy'),
      target('b', 'unhealthy'),
      target('c', 'initial'),
      target('d', 'healthy'),
      target('e', 'draining'),
    ];
    expect(names(routableTargets(targets))).toEqual(['a', 'd']);
  });

  it('fail open to every registered target that is not draining when none is healthy', () => {
    const targets = [
      target('a', 'unhealthy'),
      target('b', 'initial'),
      target('c', 'draining'),
      target('d', 'unused'),
      target('e', 'unhealthy', false),
    ];
    expect(names(routableTargets(targets))).toEqual(['a', 'b']);
  });

  it('are none when only draining or unreachable targets are left (the listener answers 503)', () => {
    expect(routableTargets([target('a', 'draining'), target('b', 'healthy', false)])).toEqual([]);
    expect(routableTargets([])).toEqual([]);
  });
});

describe('weighted picking across target groups', () => {
  it('chooses each group its weight in every round, interleaved', () => {
    const picker = new WeightedPicker([3, 1]);
    const picks = Array.from({ length: 8 }, () => picker.next());
    expect(picks.filter((pick) => pick === 0)).toHaveLength(6);
    expect(picks.filter((pick) => pick === 1)).toHaveLength(2);
    // Never four of the heavier group in a row.
    expect(picks.join('')).not.toContain('0000');
  });

  it('never chooses a group of weight 0, and nothing when every weight is 0', () => {
    const picker = new WeightedPicker([0, 5]);
    expect(Array.from({ length: 5 }, () => picker.next())).toEqual([1, 1, 1, 1, 1]);
    expect(new WeightedPicker([0, 0]).next()).toBeUndefined();
  });

  it('treats a negative weight as 0', () => {
    const picker = new WeightedPicker([-3, 2]);
    expect(Array.from({ length: 3 }, () => picker.next())).toEqual([1, 1, 1]);
    expect(new WeightedPicker([-1]).next()).toBeUndefined();
  });

  it('follows a 90/10 canary split over 100 requests exactly', () => {
    const picker = new WeightedPicker([90, 10]);
    const picks = Array.from({ length: 100 }, () => picker.next());
    expect(picks.filter((pick) => pick === 1)).toHaveLength(10);
  });
});

describe('a forward action unchanged', () => {
  const blue = { targetGroupArn: 'tg/blue', weight: 90 };
  const green = { targetGroupArn: 'tg/green', weight: 10 };

  it('is the same groups with the same weights in the same order', () => {
    expect(sameForward([blue, green], [{ ...blue }, { ...green }])).toBe(true);
    expect(sameForward([], [])).toBe(true);
  });

  it('differs in a weight, a group, the order or the number of groups', () => {
    expect(sameForward([blue, green], [blue, { ...green, weight: 20 }])).toBe(false);
    expect(sameForward([blue], [{ ...blue, targetGroupArn: 'tg/other' }])).toBe(false);
    expect(sameForward([blue, green], [green, blue])).toBe(false);
    expect(sameForward([blue, green], [blue])).toBe(false);
    expect(sameForward([blue], [blue, green])).toBe(false);
  });
});

describe('round-robin', () => {
  it('cycles over the choices and keeps going when they change', () => {
    const rr = new RoundRobin();
    expect([1, 2, 3, 4].map(() => rr.next(['a', 'b', 'c']))).toEqual(['a', 'b', 'c', 'a']);
    expect(rr.next(['a', 'b'])).toBe('a');
    expect(rr.next([])).toBeUndefined();
  });
});
