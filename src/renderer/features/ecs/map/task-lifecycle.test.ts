import { describe, expect, it } from 'vitest';
import type { EcsTask } from '../../../../shared';
import {
  drainEffect,
  instanceIds,
  instanceName,
  mapTasks,
  stageOf,
  statusWord,
} from './task-lifecycle';

const arn = (id: string) => `arn:aws:ecs:us-east-1:000000000000:task/demo/${id}`;
const task = (id: string, fields: Partial<EcsTask>): EcsTask => ({
  taskArn: arn(id),
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1',
  desiredStatus: 'RUNNING',
  lastStatus: 'RUNNING',
  createdAt: 0,
  ...fields,
});

describe('task stages and status words', () => {
  it('puts each ECS status in one of four stages', () => {
    expect(stageOf(task('a', { lastStatus: 'PROVISIONING' }))).toBe('starting');
    expect(stageOf(task('a', { lastStatus: 'PENDING' }))).toBe('starting');
    expect(stageOf(task('a', { lastStatus: 'RUNNING' }))).toBe('running');
    expect(stageOf(task('a', { lastStatus: 'DEACTIVATING', desiredStatus: 'STOPPED' }))).toBe(
      'stopping',
    );
    expect(stageOf(task('a', { lastStatus: 'STOPPED', desiredStatus: 'STOPPED' }))).toBe('stopped');
  });

  it('reads a running task that was asked to stop as stopping', () => {
    const asked = task('a', { lastStatus: 'RUNNING', desiredStatus: 'STOPPED' });
    expect(stageOf(asked)).toBe('stopping');
    expect(statusWord(asked)).toBe('stopping');
    expect(statusWord(task('b', { lastStatus: 'PENDING' }))).toBe('pending');
  });
});

describe('mapTasks', () => {
  const now = 1_000_000;
  const linger = 60_000;

  it('keeps stopped tasks a while, fading as they age, then drops them', () => {
    const running = task('run', {});
    const justStopped = task('new', {
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stoppedAt: now,
    });
    const halfway = task('mid', {
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stoppedAt: now - linger / 2,
    });
    const old = task('old', {
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stoppedAt: now - linger,
    });
    const shown = mapTasks([running], [justStopped, halfway, old], now, linger);
    expect(shown.map((entry) => [entry.task.taskArn, entry.stage, entry.opacity])).toEqual([
      [arn('run'), 'running', 1],
      [arn('new'), 'stopped', 0.8],
      [arn('mid'), 'stopped', 0.55],
    ]);
  });

  it('shows a stopping task at full strength, once, whichever list has it', () => {
    const stopping = task('s', { lastStatus: 'RUNNING', desiredStatus: 'STOPPED' });
    const starting = task('p', { lastStatus: 'PENDING', createdAt: 5 });
    const shown = mapTasks([starting, stopping], [stopping], now, linger);
    expect(shown.map((entry) => [entry.stage, entry.opacity])).toEqual([
      ['starting', 1],
      ['stopping', 1],
    ]);
  });
});

describe('instance names', () => {
  it('names an instance by its EC2 id, and by its container-instance id when that is unknown', () => {
    const known = 'arn:aws:ecs:us-east-1:000000000000:container-instance/demo/abc';
    const ids = instanceIds([{ containerInstanceArn: known, ec2InstanceId: 'i-0123' }]);
    expect(instanceName(known, ids)).toBe('i-0123');
    expect(
      instanceName('arn:aws:ecs:us-east-1:000000000000:container-instance/demo/def', ids),
    ).toBe('def');
    expect(instanceName(undefined, ids)).toBe('');
  });
});

describe('drainEffect', () => {
  it('says standalone tasks keep running and only services move theirs', () => {
    const text = drainEffect([task('a', {}), task('b', {})]);
    expect(text).toContain('Its 2 standalone tasks keep running');
    expect(text).toContain('Only services move their tasks');
  });

  it('counts service tasks apart', () => {
    const text = drainEffect([task('a', { group: 'service:web' }), task('b', {})]);
    expect(text).toContain('Its 1 standalone task keeps running');
    expect(text).toContain('1 service task is replaced on other instances');
  });
});
