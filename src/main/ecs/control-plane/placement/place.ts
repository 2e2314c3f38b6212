/**
 * Task placement on EC2 container instances, the Developer Guide's four steps ("Amazon ECS
 * task placement"): the instances with the CPU, memory and ports the task needs, then those
 * that satisfy the constraints (binding), then those the strategies prefer (best effort, in
 * order), then one of them. Tasks are placed one after another, each on the state the one
 * before left.
 *
 * Cost per call is one pass over the instances and their tasks (group counts, resources,
 * constraints); each task placed after that costs a pass of the strategies over the
 * candidates, and looks again only at the instance it changed. Random placement (RunTask's
 * default) draws instances until one is eligible instead, so in a cluster with room it looks
 * at a few; only when most are full does it make the pass.
 */
import { ClusterState, InstanceView, SpreadCounts, type ResourceShortfall } from './cluster-state';
import { evaluateQuery } from './query-evaluate';
import { readConstraints, readStrategy, type ConstraintRule, type StrategyRule } from './rules';
import type { PlacementInstance, PlacementRequest, PlacementResult, Shortfall } from './types';

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
 *
 * No strategy is RunTask's default, random: "Using RunTask, you can allow the default task
 * placement strategy to distribute tasks randomly across your cluster" (Developer Guide,
 * "Scheduling Amazon ECS tasks"). Services pass theirs (`serviceDefaultStrategy`
 * when they name none).
 */
export function placeTasks(
  instances: readonly PlacementInstance[],
  request: PlacementRequest,
  random: () => number,
): PlacementResult {
  const constraints = readConstraints(request.constraints);
  const strategy = readStrategy(request.strategy);
  const countGroupTasks =
    constraints.some((rule) => rule.kind === 'distinctInstance') ||
    strategy.some((rule) => rule.kind === 'spread');
  const drawn = strategy[0] === undefined || strategy[0].kind === 'random';
  const cluster = new ClusterState(instances, request, countGroupTasks, !drawn);

  const spreads = new Map<string, SpreadCounts>();
  for (const rule of strategy) {
    if (rule.kind === 'spread' && rule.by === 'attribute' && !spreads.has(rule.name)) {
      spreads.set(rule.name, new SpreadCounts(rule.name, cluster));
    }
  }
  const view = new InstanceView(cluster);
  const satisfies = (index: number) => satisfiesAll(constraints, cluster, view.at(index));
  // Placing a task changes only the chosen instance, so the others' eligibility is decided
  // once per call and only the chosen one is looked at again.
  const eligible = (index: number) =>
    cluster.isActive(index) &&
    cluster.instances[index]!.agentConnected &&
    cluster.shortfall(index) === undefined &&
    satisfies(index);

  const placements: string[] = [];
  const unplaced = (task: number): PlacementResult => {
    if (!cluster.hasActive()) return { placements: [], failures: [], noActiveInstances: true };
    const closest = closestCandidate(cluster, satisfies);
    const failure = { arn: closest.arn, reason: reasonOf[closest.shortfall] };
    const failures = Array.from({ length: request.count - task }, () => ({ ...failure }));
    return { placements, failures, closest };
  };

  if (drawn) {
    // Every eligible instance is as likely as any other, so drawing instances until one is
    // eligible picks as the full list would, in a few looks when the cluster has room.
    for (let task = 0; task < request.count; task++) {
      let chosen = drawEligible(cluster.size, eligible, random);
      if (chosen === undefined) {
        const candidates = initialCandidates(cluster, satisfies).filter(eligible);
        if (candidates.length === 0) return unplaced(task);
        chosen =
          candidates[Math.min(candidates.length - 1, Math.floor(random() * candidates.length))]!;
      }
      cluster.place(chosen);
      placements.push(cluster.instances[chosen]!.arn);
    }
    return { placements, failures: [] };
  }

  let candidates = initialCandidates(cluster, constraints.length > 0 ? satisfies : undefined);
  for (let task = 0; task < request.count; task++) {
    if (candidates.length === 0) return unplaced(task);
    const chosen = choose(candidates, strategy, cluster, spreads, random);
    cluster.place(chosen);
    for (const counts of spreads.values()) counts.add(chosen, 1);
    placements.push(cluster.instances[chosen]!.arn);
    if (!eligible(chosen)) candidates = candidates.filter((index) => index !== chosen);
  }
  return { placements, failures: [] };
}

/** Draws before a cluster with few eligible instances is scanned instead. */
const maxDraws = 16;

/** A uniformly drawn instance that is eligible, or undefined after {@link maxDraws} misses. */
function drawEligible(
  size: number,
  eligible: (index: number) => boolean,
  random: () => number,
): number | undefined {
  for (let draw = 0; size > 0 && draw < maxDraws; draw++) {
    const index = Math.min(size - 1, Math.floor(random() * size));
    if (eligible(index)) return index;
  }
  return undefined;
}

/**
 * The instances eligible before anything is placed, as `eligible` would find them: the loop
 * every call makes over the whole cluster, so it reads each instance's figures directly.
 */
function initialCandidates(
  cluster: ClusterState,
  satisfies: ((index: number) => boolean) | undefined,
): number[] {
  const { cpu, memory, hostPorts } = cluster.request;
  const fixedPorts = hostPorts.some(({ port }) => port !== 0);
  const candidates: number[] = [];
  const { instances } = cluster;
  for (let index = 0; index < instances.length; index++) {
    const instance = instances[index]!;
    if (instance.status !== 'ACTIVE' || !instance.agentConnected) continue;
    if (instance.remaining.cpu < cpu || instance.remaining.memory < memory) continue;
    if (fixedPorts && cluster.shortfall(index) !== undefined) continue;
    if (satisfies && !satisfies(index)) continue;
    candidates.push(index);
  }
  return candidates;
}

function satisfiesAll(
  constraints: readonly ConstraintRule[],
  cluster: ClusterState,
  view: InstanceView,
): boolean {
  for (const rule of constraints) {
    const ok =
      rule.kind === 'distinctInstance'
        ? cluster.groupTasks(view.index) === 0
        : evaluateQuery(rule.query, view);
    if (!ok) return false;
  }
  return true;
}

/** Narrows the candidates strategy by strategy to those each prefers; ties go to `random`. */
function choose(
  candidates: readonly number[],
  strategy: readonly StrategyRule[],
  cluster: ClusterState,
  spreads: ReadonlyMap<string, SpreadCounts>,
  random: () => number,
): number {
  let remaining = candidates;
  for (const rule of strategy) {
    if (remaining.length === 1 || rule.kind === 'random') break;
    const score = scoreOf(rule, cluster, spreads);
    let best = Infinity;
    let kept: number[] = [];
    for (const index of remaining) {
      const value = score(index);
      if (value < best) {
        best = value;
        kept = [index];
      } else if (value === best) {
        kept.push(index);
      }
    }
    remaining = kept;
  }
  return remaining[Math.min(remaining.length - 1, Math.floor(random() * remaining.length))]!;
}

/** Lower is preferred. Binpack compares what is left now: the task takes the same from all. */
function scoreOf(
  rule: Exclude<StrategyRule, { kind: 'random' }>,
  cluster: ClusterState,
  spreads: ReadonlyMap<string, SpreadCounts>,
): (index: number) => number {
  if (rule.kind === 'binpack') {
    return rule.resource === 'cpu'
      ? (index) => cluster.cpuLeft(index)
      : (index) => cluster.memoryLeft(index);
  }
  if (rule.by === 'instance') return (index) => cluster.groupTasks(index);
  const counts = spreads.get(rule.name)!;
  return (index) => counts.of(index);
}

/**
 * The instance that got furthest through the checks, as ECS names it in failures and service
 * events: past the resources but refused by a constraint (ATTRIBUTE), else short of a resource
 * (ports, then memory, then CPU; among those, one the constraints would take, then the
 * smallest shortfall), else with a disconnected agent (AGENT).
 */
function closestCandidate(
  cluster: ClusterState,
  satisfies: (index: number) => boolean,
): { arn: string; shortfall: Shortfall } {
  // Ranked by stage reached, then by the smallest shortfall within the stage.
  const stageOf: Record<ResourceShortfall, number> = { CPU: 0, MEMORY: 1, PORTS: 2 };
  let best: { index: number; stage: number; by: number; shortfall: Shortfall } | undefined;
  let firstActive: number | undefined;
  for (let index = 0; index < cluster.size; index++) {
    if (!cluster.isActive(index)) continue;
    firstActive ??= index;
    if (!cluster.instances[index]!.agentConnected) continue;
    const lack = cluster.shortfall(index);
    const stage = lack ? stageOf[lack.kind] + (satisfies(index) ? 3 : 0) : 6;
    const by = lack?.by ?? 0;
    if (!best || stage > best.stage || (stage === best.stage && by < best.by)) {
      best = { index, stage, by, shortfall: lack ? lack.kind : 'ATTRIBUTE' };
    }
  }
  const arn = cluster.instances[best?.index ?? firstActive ?? 0]!.arn;
  return { arn, shortfall: best?.shortfall ?? 'AGENT' };
}
