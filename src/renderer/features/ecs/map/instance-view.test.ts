import { describe, expect, it } from 'vitest';
import { gaugesOf, taskChipLabel, zoneColumns } from './instance-view';
import { mapTasksByHost } from './task-lifecycle';

const instance = (id: string, zone: string, registeredAt: number, status = 'ACTIVE') => ({
  containerInstanceArn: `arn:aws:ecs:us-east-1:000000000000:container-instance/c/${id}`,
  status,
  registeredAt,
  attributes: [{ name: 'ecs.availability-zone', value: zone }],
  registeredResources: [
    { name: 'CPU', type: 'INTEGER', integerValue: 2048 },
    { name: 'MEMORY', type: 'INTEGER', integerValue: 7680 },
  ],
  remainingResources: [
    { name: 'CPU', type: 'INTEGER', integerValue: 1792 },
    { name: 'MEMORY', type: 'INTEGER', integerValue: 7168 },
  ],
});

describe('the cluster map’s model', () => {
  it('groups active and draining instances by zone, in order', () => {
    const columns = zoneColumns([
      instance('b2', 'us-east-1b', 2),
      instance('a1', 'us-east-1a', 5),
      instance('a0', 'us-east-1a', 1),
      instance('gone', 'us-east-1c', 1, 'INACTIVE'),
    ]);
    expect(columns.map((column) => [column.zone, column.instances.length])).toEqual([
      ['us-east-1a', 2],
      ['us-east-1b', 1],
    ]);
    expect(columns[0]?.instances[0]?.containerInstanceArn).toMatch(/a0$/);
  });

  it('reads reserved against registered resources', () => {
    expect(gaugesOf(instance('x', 'us-east-1a', 1))).toEqual({
      cpu: { registered: 2048, reserved: 256 },
      memory: { registered: 7680, reserved: 512 },
    });
  });

  it('puts Fargate tasks in their own lane and labels tasks by revision and id', () => {
    const task = {
      taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/c/0123456789abcdef0123456789abcdef',
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:3',
      launchType: 'FARGATE' as const,
    };
    expect([...mapTasksByHost([{ task, stage: 'running', opacity: 1 }]).keys()]).toEqual([
      'FARGATE',
    ]);
    expect(taskChipLabel(task)).toBe('web:3 · 01234567');
  });
});
