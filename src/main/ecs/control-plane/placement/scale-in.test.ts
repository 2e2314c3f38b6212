import { describe, expect, it } from 'vitest';
import { chooseTasksToStop, type StoppableTask } from './index';
import { idOf, instance, seededRandom } from './test-support';

const first = () => 0;

/** `count` tasks of 256 CPU / 512 MiB on the instance with this id. */
function tasksOn(id: string, count: number): StoppableTask[] {
  return Array.from({ length: count }, (_, index) => ({
    taskArn: `arn:aws:ecs:us-east-1:000000000000:task/test/${id}-${index}`,
    containerInstanceArn: instance(id).arn,
    cpu: 256,
    memory: 512,
  }));
}

const hostsOf = (taskArns: readonly string[]) => taskArns.map((arn) => idOf(arn).split('-')[0]);

describe('chooseTasksToStop', () => {
  const instances = [
    instance('a1', { zone: 'us-east-1a' }),
    instance('a2', { zone: 'us-east-1a' }),
    instance('b1', { zone: 'us-east-1b' }),
  ];

  it('by default stops from the fullest zone, then the fullest instance in it', () => {
    const tasks = [...tasksOn('a1', 3), ...tasksOn('a2', 1), ...tasksOn('b1', 2)];
    const stopped = chooseTasksToStop(instances, tasks, 3, [], first);
    // Zone a holds 4 and b 2: a1, the fuller in a, gives up two. Then the zones hold 2 each
    // and b1 is the fullest instance.
    expect(hostsOf(stopped)).toEqual(['a1', 'a1', 'b1']);
  });

  it('leaves the zones balanced when scaling far in', () => {
    const tasks = [...tasksOn('a1', 4), ...tasksOn('a2', 4), ...tasksOn('b1', 2)];
    const stopped = new Set(chooseTasksToStop(instances, tasks, 6, [], seededRandom(3)));
    const left = tasks.filter((task) => !stopped.has(task.taskArn));
    const zoneOf = (task: StoppableTask) =>
      task.containerInstanceArn === instance('b1').arn ? 'b' : 'a';
    expect(left.filter((task) => zoneOf(task) === 'a')).toHaveLength(2);
    expect(left.filter((task) => zoneOf(task) === 'b')).toHaveLength(2);
  });

  it('under binpack stops the task whose instance will have the most left', () => {
    const packed = [
      instance('a1', { remaining: { memory: 1000 } }),
      instance('a2', { remaining: { memory: 5000 } }),
    ];
    const tasks = [...tasksOn('a1', 2), ...tasksOn('a2', 1)];
    const stopped = chooseTasksToStop(
      packed,
      tasks,
      2,
      [{ type: 'binpack', field: 'memory' }],
      first,
    );
    // a2 would have 5512; then a2 is empty and a1 would have 1512.
    expect(hostsOf(stopped)).toEqual(['a2', 'a1']);
  });

  it('under spread over instances stops from the fullest instance', () => {
    const tasks = [...tasksOn('a1', 1), ...tasksOn('a2', 3), ...tasksOn('b1', 2)];
    const stopped = chooseTasksToStop(
      instances,
      tasks,
      2,
      [{ type: 'spread', field: 'instanceId' }],
      first,
    );
    expect(hostsOf(stopped)).toEqual(['a2', 'a2']);
  });

  it('at random, deterministically for a given random source', () => {
    const tasks = [...tasksOn('a1', 5), ...tasksOn('b1', 5)];
    const pick = (seed: number) =>
      chooseTasksToStop(instances, tasks, 4, [{ type: 'random' }], seededRandom(seed));
    expect(pick(1)).toEqual(pick(1));
    expect(new Set(pick(1)).size).toBe(4);
  });

  it('stops no more tasks than there are', () => {
    expect(chooseTasksToStop(instances, tasksOn('a1', 2), 5, [], first)).toHaveLength(2);
    expect(chooseTasksToStop(instances, [], 1, [], first)).toEqual([]);
  });
});
