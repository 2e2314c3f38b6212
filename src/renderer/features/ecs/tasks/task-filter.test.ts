import { describe, expect, it } from 'vitest';
import type { EcsTask } from '../../../../shared';
import { filterChoices, filterTasks, isNarrowed, withFilter } from './task-filter';

const instanceArn = 'arn:aws:ecs:us-east-1:000000000000:container-instance/demo/ci1';
const ids = new Map([[instanceArn, 'i-0aaa']]);
const task = (id: string, fields: Partial<EcsTask>): EcsTask => ({
  taskArn: `arn:aws:ecs:us-east-1:000000000000:task/demo/${id}`,
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1',
  lastStatus: 'RUNNING',
  launchType: 'EC2',
  containerInstanceArn: instanceArn,
  availabilityZone: 'us-east-1a',
  ...fields,
});

const tasks = [
  task('aaa111', {}),
  task('bbb222', {
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/worker:2',
    lastStatus: 'PENDING',
  }),
  task('ccc333', {
    launchType: 'FARGATE',
    containerInstanceArn: undefined,
    availabilityZone: 'us-east-1b',
    stoppedReason: 'Essential container in task exited',
    containers: [{ name: 'sidecar' }],
  }),
];
const idsOf = (kept: EcsTask[]) => kept.map((t) => t.taskArn?.split('/').at(-1));

describe('filterTasks', () => {
  it('keeps everything without a filter', () => {
    expect(filterTasks(tasks, {}, ids)).toHaveLength(3);
  });

  it('narrows by status, family, launch type and place', () => {
    expect(idsOf(filterTasks(tasks, { status: 'PENDING' }, ids))).toEqual(['bbb222']);
    expect(idsOf(filterTasks(tasks, { family: 'web' }, ids))).toEqual(['aaa111', 'ccc333']);
    expect(idsOf(filterTasks(tasks, { launch: 'FARGATE' }, ids))).toEqual(['ccc333']);
    expect(idsOf(filterTasks(tasks, { where: 'i-0aaa' }, ids))).toEqual(['aaa111', 'bbb222']);
    expect(idsOf(filterTasks(tasks, { where: 'us-east-1b' }, ids))).toEqual(['ccc333']);
    expect(idsOf(filterTasks(tasks, { family: 'web', launch: 'EC2' }, ids))).toEqual(['aaa111']);
  });

  it('finds text in ids, containers and stop reasons, every word, any case', () => {
    expect(idsOf(filterTasks(tasks, { q: 'BBB' }, ids))).toEqual(['bbb222']);
    expect(idsOf(filterTasks(tasks, { q: 'sidecar exited' }, ids))).toEqual(['ccc333']);
    expect(idsOf(filterTasks(tasks, { q: 'i-0aaa worker' }, ids))).toEqual(['bbb222']);
    expect(filterTasks(tasks, { q: 'nothing-like-it' }, ids)).toEqual([]);
  });
});

describe('filter choices and changes', () => {
  it('offers the values the tasks have, instances before zones', () => {
    expect(filterChoices(tasks, ids)).toEqual({
      statuses: ['PENDING', 'RUNNING'],
      families: ['web', 'worker'],
      launchTypes: ['EC2', 'FARGATE'],
      places: ['Fargate', 'i-0aaa', 'us-east-1a', 'us-east-1b'],
    });
  });

  it('sets and clears one part', () => {
    const set = withFilter({ desired: 'STOPPED' }, 'family', 'web');
    expect(set).toEqual({ desired: 'STOPPED', family: 'web' });
    expect(withFilter(set, 'family', '')).toEqual({ desired: 'STOPPED' });
    expect(isNarrowed({ desired: 'STOPPED' })).toBe(false);
    expect(isNarrowed(set)).toBe(true);
  });
});
