import { describe, expect, it } from 'vitest';
import { ecsSnapshotPieces } from './state-json';
import { applyEcsChangeInPlace, emptyEcsState, type EcsState, type TaskRecord } from './state';

const task = (id: number, lastStatus: TaskRecord['lastStatus']): TaskRecord => ({
  taskArn: `arn:aws:ecs:us-east-1:000000000000:task/c/${id}`,
  clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/c',
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1',
  family: 'web',
  lastStatus,
  desiredStatus: 'RUNNING',
  containers: [{ containerArn: `c-${id}`, name: 'app', lastStatus: 'PENDING', essential: true }],
  version: 1,
  networkMode: 'bridge',
  reservedPorts: [],
  cpuUnits: 256,
  memoryMiB: 512,
  group: 'family:web',
  startedBy: id % 2 ? undefined : 'me',
  createdAt: 1_700_000_000_000 + id,
});

const joined = (state: EcsState) => [...ecsSnapshotPieces(state)].join('');

describe('ecsSnapshotPieces', () => {
  it('joins to what JSON.stringify answers, before and after records are replaced', () => {
    const state = emptyEcsState();
    expect(joined(state)).toBe(JSON.stringify(state));
    for (let id = 0; id < 50; id++)
      applyEcsChangeInPlace(state, { kind: 'task.put', task: task(id, 'PENDING') });
    state.familyRevisions.web = 3;
    state.familyRevisions.__proto__ = 1;
    expect(joined(state)).toBe(JSON.stringify(state));
    for (let id = 0; id < 50; id += 3)
      applyEcsChangeInPlace(state, { kind: 'task.put', task: task(id, 'RUNNING') });
    applyEcsChangeInPlace(state, { kind: 'task.delete', arn: task(7, 'PENDING').taskArn });
    expect(joined(state)).toBe(JSON.stringify(state));
  });

  it('describes the moment it was asked, whatever happens to the state before it is read', () => {
    const state = emptyEcsState();
    for (let id = 0; id < 5; id++)
      applyEcsChangeInPlace(state, { kind: 'task.put', task: task(id, 'PENDING') });
    const then = JSON.stringify(state);
    const pieces = ecsSnapshotPieces(state);
    applyEcsChangeInPlace(state, { kind: 'task.put', task: task(9, 'RUNNING') });
    applyEcsChangeInPlace(state, { kind: 'task.put', task: task(1, 'RUNNING') });
    applyEcsChangeInPlace(state, { kind: 'task.delete', arn: task(2, 'PENDING').taskArn });
    expect([...pieces].join('')).toBe(then);
  });
});
