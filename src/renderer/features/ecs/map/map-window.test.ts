import { describe, expect, it } from 'vitest';
import type { EcsTask } from '../../../../shared';
import {
  inRows,
  sameMapTasks,
  shorten,
  stageCounts,
  stageCountsText,
  zoneSummary,
} from './map-window';
import { mapTasks, mapTasksByHost, type MapTask, type TaskStage } from './task-lifecycle';

const arn = (id: string) => `arn:aws:ecs:us-east-1:000000000000:task/demo/${id}`;
const host = (id: string) => `arn:aws:ecs:us-east-1:000000000000:container-instance/demo/${id}`;
const task = (id: string, fields: Partial<EcsTask> = {}): EcsTask => ({
  taskArn: arn(id),
  desiredStatus: 'RUNNING',
  lastStatus: 'RUNNING',
  containerInstanceArn: host('i1'),
  createdAt: 0,
  ...fields,
});
const entry = (id: string, stage: TaskStage, fields: Partial<EcsTask> = {}): MapTask => ({
  task: task(id, fields),
  stage,
  opacity: stage === 'stopped' ? 0.5 : 1,
});

describe('counting a zone’s tasks', () => {
  it('counts each stage and says only those that have tasks, in the legend’s order', () => {
    const counts = stageCounts([
      entry('a', 'running'),
      entry('b', 'stopped'),
      entry('c', 'running'),
      entry('d', 'starting'),
    ]);
    expect(counts).toEqual({ starting: 1, running: 2, stopping: 0, stopped: 1 });
    expect(stageCountsText(counts)).toBe('1 starting · 2 running · 1 stopped');
    expect(stageCountsText(stageCounts([]))).toBe('');
  });

  it('sums the zone’s instances and counts the picked-out tasks that are not stopped', () => {
    const hosts = mapTasksByHost([
      entry('a', 'running'),
      entry('b', 'starting', { containerInstanceArn: host('i2') }),
      entry('c', 'stopped', { containerInstanceArn: host('i2') }),
      entry('d', 'running', { containerInstanceArn: host('elsewhere') }),
    ]);
    const picked = new Set([arn('a'), arn('c'), arn('d')]);
    const summary = zoneSummary([host('i1'), host('i2'), host('empty')], hosts, picked);
    expect(summary).toEqual({
      instances: 3,
      counts: { starting: 1, running: 1, stopping: 0, stopped: 1 },
      highlighted: 1,
    });
    expect(zoneSummary([host('i1')], hosts, undefined).highlighted).toBeUndefined();
  });

  it('groups thousands of tasks by host in one pass', () => {
    const many = Array.from({ length: 20_000 }, (_, index) =>
      entry(`t${index}`, 'running', { containerInstanceArn: host(`i${index % 1_000}`) }),
    );
    const hosts = mapTasksByHost(many);
    expect(hosts.size).toBe(1_000);
    expect(hosts.get(host('i7'))?.map((hosted) => hosted.task.taskArn)).toEqual(
      Array.from({ length: 20 }, (_, index) => arn(`t${index * 1_000 + 7}`)),
    );
  });
});

describe('shortening long lists of chips', () => {
  it('keeps the first entries and counts the rest by stage', () => {
    const entries = [
      entry('a', 'starting'),
      entry('b', 'running'),
      entry('c', 'running'),
      entry('d', 'stopping'),
    ];
    const short = shorten(entries, 2);
    expect(short.shown.map((shown) => shown.task.taskArn)).toEqual([arn('a'), arn('b')]);
    expect(short.hiddenCount).toBe(2);
    expect(short.hidden).toEqual({ starting: 0, running: 1, stopping: 1, stopped: 0 });
  });

  it('hides nothing when everything fits', () => {
    const entries = [entry('a', 'running')];
    expect(shorten(entries, 24)).toEqual({
      shown: entries,
      hidden: { starting: 0, running: 0, stopping: 0, stopped: 0 },
      hiddenCount: 0,
    });
  });

  it('cuts items into rows, the last one shorter', () => {
    expect(inRows([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(inRows([], 3)).toEqual([]);
  });
});

describe('whether an instance’s tasks draw the same', () => {
  const now = 1_000_000;
  const records = [task('a'), task('b', { lastStatus: 'PENDING' })];
  const first = mapTasks(records, [], now);

  it('is the same for new entries of the same records, stages and fade', () => {
    const again = mapTasks(records, [], now);
    expect(again).not.toBe(first);
    expect(sameMapTasks(first, again, undefined, undefined)).toBe(true);
  });

  it('differs when a record is replaced, even by an equal one', () => {
    const replaced = mapTasks([{ ...task('a') }, records[1] as EcsTask], [], now);
    expect(sameMapTasks(first, replaced, undefined, undefined)).toBe(false);
  });

  it('differs when a task comes or goes, or a stopped one fades further', () => {
    expect(sameMapTasks(first, first.slice(1), undefined, undefined)).toBe(false);
    const stopped = [task('s', { lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stoppedAt: 0 })];
    const fresh = mapTasks([], stopped, 10_000);
    const older = mapTasks([], stopped, 60_000);
    expect(sameMapTasks(fresh, older, undefined, undefined)).toBe(false);
  });

  it('differs only when one of its own tasks is picked out or let go', () => {
    const picked = new Set([arn('a')]);
    expect(sameMapTasks(first, first, picked, new Set([arn('a'), arn('other')]))).toBe(true);
    expect(sameMapTasks(first, first, picked, new Set([arn('b')]))).toBe(false);
    expect(sameMapTasks(first, first, undefined, new Set())).toBe(false);
  });
});
