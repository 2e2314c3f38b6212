/**
 * Task placement on EC2 container instances, the Developer Guide's four steps ("Amazon ECS
 * task placement"): the instances with the CPU, memory and ports the task needs, then those
 * that satisfy the constraints (binding), then those the strategies prefer (best effort, in
 * order), then one of them. Tasks are placed one after another, each on the state the one
 * before left.
 *
 * Cost per task is O(instances) plus the constraints' evaluation; counting the group's tasks
 * is done once per call, and each placement updates the counts it changed.
 */
import type { QueryTarget } from './query-evaluate';
import { evaluateQuery } from './query-evaluate';
import { readConstraints, readStrategy, type ConstraintRule, type StrategyRule } from './rules';
import type { PlacementInstance, PlacementRequest, PlacementResult, Shortfall } from './types';

type ResourceShortfall = 'CPU' | 'MEMORY' | 'PORTS';

/** An instance and what this call has placed on it so far. */
class InstanceState implements QueryTarget {
  cpu: number;
  memory: number;
  placedHere = 0;
  private readonly addedTcp: number[] = [];
  private readonly addedUdp: number[] = [];

  constructor(
    readonly instance: PlacementInstance,
    /** Tasks of the request's group on the instance, this call's included. */
    public groupTasks: number,
    private readonly group: string,
  ) {
    this.cpu = instance.remaining.cpu;
    this.memory = instance.remaining.memory;
  }

  get ec2InstanceId() {
    return this.instance.ec2InstanceId;
  }
  get agentConnected() {
    return this.instance.agentConnected;
  }
  get agentVersion() {
    return this.instance.agentVersion;
  }
  get registeredAt() {
    return this.instance.registeredAt;
  }
  get attributes() {
    return this.instance.attributes;
  }
  get runningTasksCount() {
    return this.instance.tasks.length + this.placedHere;
  }

  *taskGroups(): Iterable<string> {
    for (const task of this.instance.tasks) yield task.group;
    if (this.placedHere > 0) yield this.group;
  }

  /** The first resource the task lacks here, CPU before memory before ports, and by how much. */
  shortfall(request: PlacementRequest): { kind: ResourceShortfall; by: number } | undefined {
    if (this.cpu < request.cpu) return { kind: 'CPU', by: request.cpu - this.cpu };
    if (this.memory < request.memory) return { kind: 'MEMORY', by: request.memory - this.memory };
    let busy = 0;
    for (const { port, protocol } of request.hostPorts) {
      if (port !== 0 && this.portInUse(port, protocol)) busy++;
    }
    return busy > 0 ? { kind: 'PORTS', by: busy } : undefined;
  }

  place(request: PlacementRequest): void {
    this.cpu -= request.cpu;
    this.memory -= request.memory;
    for (const { port, protocol } of request.hostPorts) {
      if (port !== 0) (protocol === 'udp' ? this.addedUdp : this.addedTcp).push(port);
    }
    this.placedHere++;
    this.groupTasks++;
  }

  private portInUse(port: number, protocol: 'tcp' | 'udp'): boolean {
    const { tcpPorts, udpPorts } = this.instance.remaining;
    return protocol === 'udp'
      ? udpPorts.includes(port) || this.addedUdp.includes(port)
      : tcpPorts.includes(port) || this.addedTcp.includes(port);
  }
}

/** The group's task count per value of a spread attribute, kept as tasks are placed. */
class SpreadCounts {
  private readonly counts = new Map<string | undefined, number>();

  constructor(
    private readonly attribute: string,
    states: readonly InstanceState[],
  ) {
    for (const state of states) this.add(state, state.groupTasks);
  }

  of(state: InstanceState): number {
    return this.counts.get(this.valueOf(state)) ?? 0;
  }

  add(state: InstanceState, tasks: number): void {
    const value = this.valueOf(state);
    this.counts.set(value, (this.counts.get(value) ?? 0) + tasks);
  }

  private valueOf(state: InstanceState): string | undefined {
    return state.instance.attributes[this.attribute];
  }
}

const reasonOf: Record<Shortfall, string> = {
  CPU: 'RESOURCE:CPU',
  MEMORY: 'RESOURCE:MEMORY',
  PORTS: 'RESOURCE:PORTS',
  AGENT: 'AGENT',
  ATTRIBUTE: 'ATTRIBUTE',
};

/**
 * Places `request.count` tasks. Only ACTIVE instances are considered; spread counts the
 * group's tasks on them (tasks on DRAINING instances are on their way out). Ties left after
 * the last strategy are broken with `random`, so the result is deterministic given it.
 */
export function placeTasks(
  instances: readonly PlacementInstance[],
  request: PlacementRequest,
  random: () => number,
): PlacementResult {
  const constraints = readConstraints(request.constraints);
  const strategy = readStrategy(request.strategy);
  const states = instances
    .filter((instance) => instance.status === 'ACTIVE')
    .map(
      (instance) => new InstanceState(instance, countGroup(instance, request.group), request.group),
    );
  if (states.length === 0) return { placements: [], failures: [], noActiveInstances: true };

  const spreads = new Map<string, SpreadCounts>();
  for (const rule of strategy) {
    if (rule.kind === 'spread' && rule.by === 'attribute' && !spreads.has(rule.name)) {
      spreads.set(rule.name, new SpreadCounts(rule.name, states));
    }
  }

  const placements: string[] = [];
  for (let task = 0; task < request.count; task++) {
    const candidates = states.filter(
      (state) =>
        state.agentConnected &&
        state.shortfall(request) === undefined &&
        satisfies(constraints, state),
    );
    if (candidates.length === 0) {
      const closest = closestCandidate(states, request, constraints);
      const failure = { arn: closest.arn, reason: reasonOf[closest.shortfall] };
      const failures = Array.from({ length: request.count - task }, () => ({ ...failure }));
      return { placements, failures, closest };
    }
    const chosen = choose(candidates, strategy, spreads, request, random);
    chosen.place(request);
    for (const counts of spreads.values()) counts.add(chosen, 1);
    placements.push(chosen.instance.arn);
  }
  return { placements, failures: [] };
}

function countGroup(instance: PlacementInstance, group: string): number {
  let count = 0;
  for (const task of instance.tasks) if (task.group === group) count++;
  return count;
}

function satisfies(constraints: readonly ConstraintRule[], state: InstanceState): boolean {
  return constraints.every((rule) =>
    rule.kind === 'distinctInstance' ? state.groupTasks === 0 : evaluateQuery(rule.query, state),
  );
}

/** Narrows the candidates strategy by strategy to those each prefers; ties go to `random`. */
function choose(
  candidates: InstanceState[],
  strategy: readonly StrategyRule[],
  spreads: ReadonlyMap<string, SpreadCounts>,
  request: PlacementRequest,
  random: () => number,
): InstanceState {
  let remaining = candidates;
  for (const rule of strategy) {
    if (remaining.length === 1) break;
    if (rule.kind === 'random') break;
    const score = scoreOf(rule, spreads, request);
    let best = Infinity;
    let kept: InstanceState[] = [];
    for (const state of remaining) {
      const value = score(state);
      if (value < best) {
        best = value;
        kept = [state];
      } else if (value === best) {
        kept.push(state);
      }
    }
    remaining = kept;
  }
  return remaining[Math.min(remaining.length - 1, Math.floor(random() * remaining.length))]!;
}

/** Lower is preferred. */
function scoreOf(
  rule: Exclude<StrategyRule, { kind: 'random' }>,
  spreads: ReadonlyMap<string, SpreadCounts>,
  request: PlacementRequest,
): (state: InstanceState) => number {
  if (rule.kind === 'binpack') {
    return rule.resource === 'cpu'
      ? (state) => state.cpu - request.cpu
      : (state) => state.memory - request.memory;
  }
  if (rule.by === 'instance') return (state) => state.groupTasks;
  const counts = spreads.get(rule.name)!;
  return (state) => counts.of(state);
}

/**
 * The instance that got furthest through the checks, as ECS names it in failures and service
 * events: past the resources but refused by a constraint (ATTRIBUTE), else short of a resource
 * (ports, then memory, then CPU; among those, one the constraints would take, then the
 * smallest shortfall), else with a disconnected agent (AGENT).
 */
function closestCandidate(
  states: readonly InstanceState[],
  request: PlacementRequest,
  constraints: readonly ConstraintRule[],
): { arn: string; shortfall: Shortfall } {
  const stageRank: Record<ResourceShortfall, number> = { CPU: 0, MEMORY: 1, PORTS: 2 };
  let best: { state: InstanceState; rank: number[]; shortfall: Shortfall } | undefined;
  for (const state of states) {
    if (!state.agentConnected) continue;
    const lack = state.shortfall(request);
    const rank = lack
      ? [0, satisfies(constraints, state) ? 1 : 0, stageRank[lack.kind], -lack.by]
      : [1, 0, 0, 0];
    if (!best || isAhead(rank, best.rank)) {
      best = { state, rank, shortfall: lack ? lack.kind : 'ATTRIBUTE' };
    }
  }
  if (best) return { arn: best.state.instance.arn, shortfall: best.shortfall };
  return { arn: states[0]!.instance.arn, shortfall: 'AGENT' };
}

function isAhead(rank: readonly number[], than: readonly number[]): boolean {
  for (let index = 0; index < rank.length; index++) {
    if (rank[index] !== than[index]) return rank[index]! > than[index]!;
  }
  return false;
}
