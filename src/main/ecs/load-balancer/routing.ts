import type { TargetHealthState } from '../control-plane/core/load-balancer-port';

/** What routing needs to know of a target. */
export interface RouteCandidate {
  /** The health the data plane holds for it (the plan's draining and unused win). */
  state: TargetHealthState;
  /** False when the control plane could not say where the target is. */
  reachable: boolean;
}

/**
 * The targets a new request may go to: the healthy ones; when none is healthy, every
 * registered target that is not draining (an application load balancer fails open).
 */
export function routableTargets<T extends RouteCandidate>(targets: readonly T[]): T[] {
  const live = targets.filter(
    (target) => target.reachable && target.state !== 'draining' && target.state !== 'unused',
  );
  const healthy = live.filter((target) => target.state === 'healthy');
  return healthy.length > 0 ? healthy : live;
}

/**
 * Smooth weighted round-robin over a listener's target groups (as nginx spreads upstream
 * weights): over any run of `sum of weights` picks each group is chosen exactly its weight's
 * times, interleaved rather than in bursts. Weight 0 is never chosen.
 */
export class WeightedPicker {
  private readonly weights: number[];
  private readonly current: number[];
  private readonly total: number;

  constructor(weights: readonly number[]) {
    this.weights = weights.map((weight) => Math.max(0, weight));
    this.current = weights.map(() => 0);
    this.total = this.weights.reduce((sum, weight) => sum + weight, 0);
  }

  /** The index of the next group, or undefined when every weight is 0. */
  next(): number | undefined {
    if (this.total === 0) return undefined;
    let best = -1;
    for (let index = 0; index < this.weights.length; index++) {
      const weight = this.weights[index] ?? 0;
      if (weight === 0) continue;
      this.current[index] = (this.current[index] ?? 0) + weight;
      if (best < 0 || (this.current[index] ?? 0) > (this.current[best] ?? 0)) best = index;
    }
    this.current[best] = (this.current[best] ?? 0) - this.total;
    return best;
  }
}

/** A listener's forward action: the groups it weights, in order. */
export type ForwardAction = readonly { targetGroupArn: string; weight: number }[];

/**
 * Whether two forward actions weight the same groups alike, in the same order: a listener
 * whose action did not change keeps its picker (and where it is in its rotation).
 */
export function sameForward(a: ForwardAction, b: ForwardAction): boolean {
  return (
    a.length === b.length &&
    a.every(
      (entry, index) =>
        entry.targetGroupArn === b[index]?.targetGroupArn && entry.weight === b[index]?.weight,
    )
  );
}

/** Round-robin over whatever is routable at each pick (the list may change between picks). */
export class RoundRobin {
  private counter = 0;

  next<T>(choices: readonly T[]): T | undefined {
    if (choices.length === 0) return undefined;
    const choice = choices[this.counter % choices.length];
    this.counter = (this.counter + 1) % Number.MAX_SAFE_INTEGER;
    return choice;
  }
}
