/**
 * Which tasks a service stops when it scales in, after the Developer Guide's "Amazon ECS task
 * placement strategies": under spread, the tasks that keep the balance (the fullest zone or
 * instance gives one up first; within it, at random); under binpack, the task whose instance
 * will have the most of the resource left once it stops.
 */
import type { PlacementStrategy } from '@aws-sdk/client-ecs';
import { readStrategy, serviceDefaultStrategy, type StrategyRule } from './rules';
import type { PlacementInstance } from './types';

/** A running task of the service that may be stopped, with what it reserves. */
export interface StoppableTask {
  taskArn: string;
  containerInstanceArn: string;
  cpu: number;
  memory: number;
}

/**
 * Returns the arns of `count` tasks to stop (all of them when there are fewer), in the order
 * they were chosen, each choice seeing the ones before it gone. `strategy` is the service's
 * placement strategy; none means the service default (spread over
 * `attribute:ecs.availability-zone`, then over instances). `instances` supplies the zones and
 * remaining resources; a task on an instance not listed counts as having neither.
 */
export function chooseTasksToStop(
  instances: readonly PlacementInstance[],
  tasks: readonly StoppableTask[],
  count: number,
  strategy: readonly PlacementStrategy[],
  random: () => number,
): string[] {
  const rules = readStrategy(strategy.length > 0 ? strategy : serviceDefaultStrategy);
  const instanceByArn = new Map(instances.map((instance) => [instance.arn, instance]));
  const freed = new Map<string, { cpu: number; memory: number }>();
  let remaining = [...tasks];
  const chosen: string[] = [];
  while (chosen.length < count && remaining.length > 0) {
    const task = pick(remaining, rules, instanceByArn, freed, random);
    chosen.push(task.taskArn);
    remaining = remaining.filter((candidate) => candidate !== task);
    const released = freed.get(task.containerInstanceArn) ?? { cpu: 0, memory: 0 };
    freed.set(task.containerInstanceArn, {
      cpu: released.cpu + task.cpu,
      memory: released.memory + task.memory,
    });
  }
  return chosen;
}

function pick(
  tasks: readonly StoppableTask[],
  rules: readonly StrategyRule[],
  instanceByArn: ReadonlyMap<string, PlacementInstance>,
  freed: ReadonlyMap<string, { cpu: number; memory: number }>,
  random: () => number,
): StoppableTask {
  let candidates = tasks;
  for (const rule of rules) {
    if (candidates.length === 1 || rule.kind === 'random') break;
    const score = scoreOf(rule, candidates, instanceByArn, freed);
    const best = Math.max(...candidates.map(score));
    candidates = candidates.filter((task) => score(task) === best);
  }
  return candidates[Math.min(candidates.length - 1, Math.floor(random() * candidates.length))]!;
}

/** Higher gives a task up first. */
function scoreOf(
  rule: Exclude<StrategyRule, { kind: 'random' }>,
  tasks: readonly StoppableTask[],
  instanceByArn: ReadonlyMap<string, PlacementInstance>,
  freed: ReadonlyMap<string, { cpu: number; memory: number }>,
): (task: StoppableTask) => number {
  if (rule.kind === 'binpack') {
    return (task) => {
      const remaining = instanceByArn.get(task.containerInstanceArn)?.remaining;
      const released = freed.get(task.containerInstanceArn);
      return rule.resource === 'cpu'
        ? (remaining?.cpu ?? 0) + (released?.cpu ?? 0) + task.cpu
        : (remaining?.memory ?? 0) + (released?.memory ?? 0) + task.memory;
    };
  }
  const keyOf =
    rule.by === 'instance'
      ? (task: StoppableTask) => task.containerInstanceArn
      : (task: StoppableTask) =>
          instanceByArn.get(task.containerInstanceArn)?.attributes[rule.name];
  const counts = new Map<string | undefined, number>();
  for (const task of tasks) counts.set(keyOf(task), (counts.get(keyOf(task)) ?? 0) + 1);
  return (task) => counts.get(keyOf(task)) ?? 0;
}
