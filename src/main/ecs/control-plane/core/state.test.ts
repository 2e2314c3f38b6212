import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lib/clock';
import { SimulatedRuntime } from '../../runtime/simulated';
import { EcsControlPlane } from './control-plane';
import { EcsApiError } from './ecs-api-error';
import {
  applyEcsChangeInPlace,
  applyEcsChanges,
  applyEcsJournalChange,
  deriveTask,
  emptyEcsState,
  journalChanges,
  type EcsJournalChange,
  type TaskRecord,
  type ClusterRecord,
  type EcsChange,
} from './state';
import { settled } from '../../../../../test/support/wait-for';
import { apiError, createPlane, prefix, start, web } from '../test-support';

async function busyPlane(options: Parameters<typeof createPlane>[0] = {}) {
  const setup = createPlane(options);
  const { plane, run } = setup;
  await plane.createCluster({ clusterName: 'c', tags: [{ key: 'k', value: 'v' }] });
  const [instance] = await plane.launchInstances({
    cluster: 'c',
    instanceType: 'c5.large',
    count: 2,
  });
  await plane.putAttributes({
    cluster: 'c',
    attributes: [{ name: 'tier', value: 'web', targetId: instance?.containerInstanceArn ?? '' }],
  });
  await plane.registerTaskDefinition(web);
  await plane.registerTaskDefinition(web);
  await plane.deregisterTaskDefinition({ taskDefinition: 'web:1' });
  const { tasks } = await plane.runTask({ cluster: 'c', taskDefinition: 'web', count: 3 });
  await run(4_000);
  await plane.stopTask({ cluster: 'c', task: tasks?.[0]?.taskArn ?? '' });
  await run(300);
  return setup;
}

/** A state holding one PENDING task with a stopped reason, and that task. */
function storedPendingTask() {
  const task = {
    taskArn: 't',
    lastStatus: 'PENDING',
    stoppedReason: 'x',
    containers: [],
  } as unknown as TaskRecord;
  const state = emptyEcsState();
  applyEcsChangeInPlace(state, { kind: 'task.put', task });
  return { task, state };
}

describe('control-plane state', () => {
  it('survives a JSON round trip, and replaying the journal gives the live state', async () => {
    const { plane, journal } = await busyPlane();
    const roundTripped = JSON.parse(JSON.stringify(plane.state));
    expect(roundTripped).toEqual(plane.state);
    const replayed = applyEcsChanges(
      emptyEcsState(),
      JSON.parse(JSON.stringify(journal)) as EcsChange[],
    );
    expect(replayed).toEqual(plane.state);
    expect(new Set(journal.map((change) => change.kind))).toEqual(
      new Set(['cluster.put', 'containerInstance.put', 'taskDefinition.put', 'task.put']),
    );
  });

  it('journals a task put as the members that changed, and that journal replays to the live state', async () => {
    // As the store does: each batch in its journal form against the state before it.
    const stored = emptyEcsState();
    const journal: EcsJournalChange[] = [];
    let fullBytes = 0;
    const { plane } = await busyPlane({
      persist: async (changes) => {
        const forms = journalChanges(stored, changes);
        for (const change of forms) applyEcsJournalChange(stored, change);
        journal.push(...(JSON.parse(JSON.stringify(forms)) as EcsJournalChange[]));
        fullBytes += JSON.stringify(changes).length;
      },
    });
    const replayed = emptyEcsState();
    for (const change of journal) applyEcsJournalChange(replayed, change);
    expect(replayed).toEqual(plane.state);
    expect(stored).toEqual(plane.state);
    const patches = journal.filter((change) => change.kind === 'task.patch');
    expect(patches.length).toBeGreaterThan(10);
    expect(JSON.stringify(journal).length).toBeLessThan(fullBytes / 2);
    expect(() =>
      applyEcsJournalChange(emptyEcsState(), { kind: 'task.patch', arn: 'x', set: {}, unset: [] }),
    ).toThrow('does not hold');
  });

  it('writes a patch against the batch before it, members dropped included, and a put for a new task', () => {
    const { task, state } = storedPendingTask();
    const running = { ...task, lastStatus: 'RUNNING', stoppedReason: undefined } as TaskRecord;
    const stopped = { ...running, lastStatus: 'STOPPED' } as TaskRecord;
    const forms = journalChanges(state, [
      { kind: 'task.put', task: running },
      { kind: 'task.put', task: stopped },
      { kind: 'task.delete', arn: 't' },
      { kind: 'task.put', task },
    ]);
    expect(forms).toEqual([
      { kind: 'task.patch', arn: 't', set: { lastStatus: 'RUNNING' }, unset: ['stoppedReason'] },
      { kind: 'task.patch', arn: 't', set: { lastStatus: 'STOPPED' }, unset: [] },
      { kind: 'task.delete', arn: 't' },
      { kind: 'task.put', task },
    ]);
    for (const change of forms.slice(0, 2)) applyEcsJournalChange(state, change);
    expect(state.tasks.t).toEqual({ taskArn: 't', lastStatus: 'STOPPED', containers: [] });
  });

  it('writes the same patch for a record a step derived as for an equal one made otherwise', () => {
    const { task, state } = storedPendingTask();
    const derived = deriveTask(task, {
      lastStatus: 'PENDING',
      stoppedReason: undefined,
      startedAt: 5,
    });
    const plain = { ...derived };
    const [fromDerived] = journalChanges(state, [{ kind: 'task.put', task: derived }]);
    const [fromPlain] = journalChanges(state, [{ kind: 'task.put', task: plain }]);
    expect(fromDerived).toEqual({
      kind: 'task.patch',
      arn: 't',
      set: { startedAt: 5 },
      unset: ['stoppedReason'],
    });
    expect(fromDerived).toEqual(fromPlain);
    // Derived from another record than the one it replaces: every member is compared.
    const stale = deriveTask({ ...task, lastStatus: 'RUNNING' } as TaskRecord, { startedAt: 5 });
    expect(journalChanges(state, [{ kind: 'task.put', task: stale }])[0]).toMatchObject({
      set: { lastStatus: 'RUNNING', startedAt: 5 },
      unset: [],
    });
  });

  it('keeps the very record a live patch was made from, and builds an equal one from the journal', () => {
    const task = { taskArn: 't', lastStatus: 'PENDING', containers: [] } as unknown as TaskRecord;
    const running = { ...task, lastStatus: 'RUNNING', startedAt: 5 } as TaskRecord;
    const live = emptyEcsState();
    const replayed = emptyEcsState();
    applyEcsChangeInPlace(live, { kind: 'task.put', task });
    applyEcsChangeInPlace(replayed, { kind: 'task.put', task: { ...task } });
    const [patch] = journalChanges(live, [{ kind: 'task.put', task: running }]);
    const journalled = JSON.stringify(patch);
    expect(JSON.parse(journalled)).toEqual({
      kind: 'task.patch',
      arn: 't',
      set: { lastStatus: 'RUNNING', startedAt: 5 },
      unset: [],
    });
    applyEcsJournalChange(live, patch!);
    applyEcsJournalChange(replayed, JSON.parse(journalled) as EcsJournalChange);
    expect(live.tasks.t).toBe(running);
    expect(replayed.tasks.t).not.toBe(running);
    expect(replayed.tasks.t).toEqual(running);
  });

  it('answers from a restored state exactly as the live plane does', async () => {
    const { plane } = await busyPlane();
    const clock = new ManualClock(start + 10_000);
    const restored = new EcsControlPlane({
      clock,
      runtime: new SimulatedRuntime({ clock }),
      state: JSON.parse(JSON.stringify(plane.state)),
    });
    const ask = (p: EcsControlPlane) =>
      Promise.all([
        p.describeClusters({ clusters: ['c'], include: ['TAGS'] }),
        p.listTasks({ cluster: 'c' }),
        p.listContainerInstances({ cluster: 'c' }),
        p.describeTaskDefinition({ taskDefinition: 'web' }),
      ]);
    expect(await ask(restored)).toEqual(await ask(plane));
    restored.dispose();
  });

  it('carries restored tasks on with a fresh runtime: running ones run again, stopping ones stop', async () => {
    const { plane, clock: liveClock } = await busyPlane();
    const running = Object.values(plane.state.tasks).filter((t) => t.lastStatus === 'RUNNING');
    const stopping = Object.values(plane.state.tasks).filter((t) => t.desiredStatus === 'STOPPED');
    expect(running).toHaveLength(2);
    expect(stopping.map((t) => t.lastStatus)).not.toContain('STOPPED');
    const clock = new ManualClock(liveClock.now());
    const restored = new EcsControlPlane({
      clock,
      runtime: new SimulatedRuntime({ clock }),
      state: JSON.parse(JSON.stringify(plane.state)),
    });
    const statusOf = async (arn: string) =>
      (await restored.describeTasks({ cluster: 'c', tasks: [arn] })).tasks?.[0];
    for (let i = 0; i < 40; i++) {
      clock.advance(100);
      await restored.tick();
    }
    for (const task of stopping) expect((await statusOf(task.taskArn))?.lastStatus).toBe('STOPPED');
    for (const task of running) {
      const now = await statusOf(task.taskArn);
      expect(now?.lastStatus).toBe('RUNNING');
      expect(now?.containers?.[0]?.runtimeId).toMatch(/^[0-9a-f]{64}$/);
      await restored.stopTask({ cluster: 'c', task: task.taskArn });
    }
    for (let i = 0; i < 20; i++) {
      clock.advance(100);
      await restored.tick();
    }
    for (const task of running) {
      expect(await statusOf(task.taskArn)).toMatchObject({
        lastStatus: 'STOPPED',
        stopCode: 'UserInitiated',
      });
    }
    restored.dispose();
  });

  it('answers a change once it is durable, without waiting for the writes of others, and a read that saw it waits too', async () => {
    const writes: { changes: EcsChange[]; release: () => void }[] = [];
    const { plane } = createPlane({
      persist: (changes) =>
        new Promise<void>((resolve) => writes.push({ changes: [...changes], release: resolve })),
    });
    const answered: string[] = [];
    const creatingA = plane.createCluster({ clusterName: 'a' }).then(() => answered.push('a'));
    const creatingB = plane.createCluster({ clusterName: 'b' }).then(() => answered.push('b'));
    const listing = plane.listClusters().then((result) => {
      answered.push('list');
      return result;
    });
    // Both changes went to the store before either write finished.
    expect(writes.map((write) => write.changes.map((change) => change.kind))).toEqual([
      ['cluster.put'],
      ['cluster.put'],
    ]);
    await settled();
    expect(answered).toEqual([]);
    writes[0]?.release();
    await creatingA;
    await settled();
    // The list saw b, whose write is still under way.
    expect(answered).toEqual(['a']);
    writes[1]?.release();
    await Promise.all([creatingB, listing]);
    expect(answered).toEqual(['a', 'b', 'list']);
    expect((await listing).clusterArns).toEqual([`${prefix}cluster/a`, `${prefix}cluster/b`]);
    // Nothing pending: a read answers without a write, a refusal too.
    expect(await plane.describeClusters({ clusters: ['a'] })).toMatchObject({
      clusters: [{ clusterName: 'a' }],
    });
    await apiError(
      plane.describeTasks({ cluster: 'nope', tasks: ['x'] }),
      'ClusterNotFoundException',
    );
    expect(writes).toHaveLength(2);
  });

  it('acknowledges nothing after a failed write: reads and writes refuse, the runtime hears nothing', async () => {
    let failing = false;
    const background: unknown[] = [];
    const { plane, clock, runtime } = createPlane({
      persist: () => (failing ? Promise.reject(new Error('disk full')) : Promise.resolve()),
      onError: (error) => background.push(error),
    });
    const started: string[] = [];
    const startTask = runtime.startTask.bind(runtime);
    runtime.startTask = (spec) => {
      started.push(spec.taskArn);
      startTask(spec);
    };
    await plane.createCluster();
    await plane.launchInstances({ instanceType: 'm5.large' });
    await plane.registerTaskDefinition(web);
    failing = true;
    const running = plane.runTask({ taskDefinition: 'web' });
    // A read made while the failing write is under way saw the task: it is not answered either.
    const listing = plane.listTasks();
    const refusal = await apiError(running, 'ServerException', /disk full/);
    expect(refusal.message).toMatch(/restart/);
    await apiError(listing, 'ServerException', /disk full/);
    failing = false;
    await apiError(plane.listClusters(), 'ServerException');
    await apiError(plane.createCluster({ clusterName: 'later' }), 'ServerException');
    clock.advance(5_000);
    await apiError(plane.tick(), 'ServerException');
    expect(started).toEqual([]);
    expect(background).toHaveLength(1);
    expect(String(background[0])).toMatch(/disk full/);
  });

  it('tells listeners about each committed batch', async () => {
    const { plane } = createPlane();
    const seen: string[][] = [];
    const unsubscribe = plane.subscribe((changes) => seen.push(changes.map((c) => c.kind)));
    await plane.createCluster();
    await plane.createCluster();
    unsubscribe();
    await plane.createCluster({ clusterName: 'x' });
    expect(seen).toEqual([['cluster.put']]);
  });

  it('refuses malformed input with InvalidParameterException, never a crash', async () => {
    const { plane } = createPlane();
    await plane.createCluster();
    const bad: [string, unknown][] = [
      ['describeClusters', { clusters: 'default' }],
      ['listTasks', { maxResults: 'ten' }],
      ['describeTasks', {}],
      ['stopTask', { task: 5 }],
      ['runTask', null],
      ['tagResource', { resourceArn: 'x' }],
      ['listAttributes', {}],
      ['describeContainerInstances', { containerInstances: [1] }],
    ];
    for (const [method, input] of bad) {
      const call = (plane as unknown as Record<string, (input: unknown) => Promise<unknown>>)[
        method
      ];
      const error = await (call?.(input) ?? Promise.resolve()).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error, method).toBeInstanceOf(EcsApiError);
    }
    await apiError(
      plane.listTagsForResource({ resourceArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/nope' }),
      'ResourceNotFoundException',
    );
  });

  it('tags and untags clusters, task definitions, tasks and instances', async () => {
    const { plane } = await busyPlane();
    const resources = [
      ...Object.keys(plane.state.clusters),
      ...Object.keys(plane.state.taskDefinitions),
      ...Object.keys(plane.state.tasks).slice(0, 1),
      ...Object.keys(plane.state.containerInstances).slice(0, 1),
    ];
    for (const resourceArn of resources) {
      await plane.tagResource({
        resourceArn,
        tags: [
          { key: 'a', value: '1' },
          { key: 'b', value: '2' },
        ],
      });
      await plane.untagResource({ resourceArn, tagKeys: ['b'] });
      const { tags } = await plane.listTagsForResource({ resourceArn });
      expect(tags?.filter((tag) => tag.key !== 'k')).toEqual([{ key: 'a', value: '1' }]);
    }
  });
});

describe('applying changes', () => {
  const cluster = (name: string) =>
    ({ clusterArn: `arn:${name}`, clusterName: name }) as unknown as ClusterRecord;

  it('copies the state once per batch, or changes it in place for committed changes', () => {
    const before = emptyEcsState();
    const after = applyEcsChanges(before, [
      { kind: 'cluster.put', cluster: cluster('a') },
      { kind: 'cluster.put', cluster: cluster('b') },
    ]);
    expect(Object.keys(before.clusters)).toEqual([]);
    expect(Object.keys(after.clusters)).toEqual(['arn:a', 'arn:b']);
    expect(applyEcsChangeInPlace(after, { kind: 'cluster.put', cluster: cluster('c') })).toBe(
      after,
    );
    expect(Object.keys(after.clusters)).toEqual(['arn:a', 'arn:b', 'arn:c']);
    // Committed changes are idempotent: the store and the control plane may both apply one.
    applyEcsChangeInPlace(after, { kind: 'cluster.put', cluster: cluster('c') });
    expect(Object.keys(after.clusters)).toHaveLength(3);
  });
});
