import { describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput } from '../../../../shared';
import type { EcsClusterContents } from '../../../../shared/contract/ecs';
import type { StowageClient } from '../../../api';
import {
  initialProgress,
  previewLines,
  stopReason,
  tearDownCluster,
  type StepProgress,
  type TeardownStep,
} from './teardown';

const contents = (fields: Partial<EcsClusterContents>): EcsClusterContents => ({
  clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/demo',
  status: 'ACTIVE',
  activeTasks: 0,
  stoppedTasks: 0,
  instances: 0,
  services: 0,
  containers: 0,
  networks: [],
  ...fields,
});

/** A client that answers from `answers` and records every call. */
function fakeClient(answers: { [K in CallName]?: (input: CallInput<K>) => CallOutput<K> }) {
  const calls: [string, unknown][] = [];
  const client: Pick<StowageClient, 'call'> = {
    call: (async (name: CallName, input: unknown) => {
      calls.push([name, input]);
      const answer = answers[name] as ((input: unknown) => unknown) | undefined;
      if (!answer) throw new Error(`unexpected call ${name}`);
      return answer(input);
    }) as StowageClient['call'],
  };
  return { client, calls };
}

describe('previewLines', () => {
  it('names what goes, and leaves out what the cluster does not have', () => {
    expect(
      previewLines(
        contents({
          services: 2,
          activeTasks: 2,
          stoppedTasks: 1,
          instances: 3,
          containers: 4,
          networks: ['stowage-ecs-demo'],
        }),
      ),
    ).toEqual([
      '2 services, deleted with force first',
      '2 tasks to stop',
      '1 stopped task',
      '3 container instances',
      '4 task containers on the Docker engine',
      'the network stowage-ecs-demo',
    ]);
    expect(previewLines(contents({}))).toEqual([]);
  });
});

describe('tearDownCluster', () => {
  it('deletes services and waits for them to drain, stops tasks, deregisters instances, waits, deletes, and waits for the engine', async () => {
    // The services as the list shows them: one ACTIVE, one already DRAINING; then the deleted
    // one draining; then none.
    const serviceLists = [
      [
        { serviceArn: 'arn:svc/web', serviceName: 'web', status: 'ACTIVE' },
        { serviceArn: 'arn:svc/old', serviceName: 'old', status: 'DRAINING' },
      ],
      [{ serviceArn: 'arn:svc/web', serviceName: 'web', status: 'DRAINING' }],
      [],
    ];
    // What the cluster holds as the steps go: two polls until the tasks stop, one until the
    // engine is clear.
    const seen = [
      contents({ activeTasks: 1, containers: 2, networks: ['n'] }),
      contents({ containers: 2, networks: ['n'] }),
      contents({ status: 'INACTIVE', containers: 2, networks: ['n'] }),
      contents({ status: 'INACTIVE' }),
    ];
    const { client, calls } = fakeClient({
      'ecs.services.list': () => serviceLists.shift() ?? [],
      'ecs.services.delete': () => ({}),
      'ecs.tasks.list': () => [{ taskArn: 'arn:task/a' }, { taskArn: 'arn:task/b' }],
      'ecs.tasks.stop': () => ({}),
      'ecs.instances.list': () => [
        { containerInstanceArn: 'arn:ci/1', status: 'ACTIVE' },
        { containerInstanceArn: 'arn:ci/2', status: 'INACTIVE' },
      ],
      'ecs.instances.deregister': () => ({}),
      'ecs.clusters.delete': () => ({}),
      'ecs.clusters.contents': () => seen.shift() ?? contents({ status: 'INACTIVE' }),
    });
    const progress = initialProgress();
    const reports: string[] = [];
    let pauses = 0;
    await tearDownCluster({
      cluster: 'demo',
      client,
      onProgress: (step, report) => {
        progress[step] = report;
        reports.push(`${step} ${report.state} ${report.detail ?? ''}`.trim());
      },
      pause: async () => void pauses++,
      maxPolls: 5,
    });
    expect(calls.map(([name]) => name)).toEqual([
      'ecs.services.list',
      'ecs.services.delete',
      'ecs.services.list',
      'ecs.services.list',
      'ecs.tasks.list',
      'ecs.tasks.stop',
      'ecs.tasks.stop',
      'ecs.instances.list',
      'ecs.instances.deregister',
      'ecs.clusters.contents',
      'ecs.clusters.contents',
      'ecs.clusters.delete',
      'ecs.clusters.contents',
      'ecs.clusters.contents',
    ]);
    expect(calls[1]?.[1]).toEqual({ cluster: 'demo', service: 'arn:svc/web', force: true });
    expect(calls[5]?.[1]).toEqual({ cluster: 'demo', task: 'arn:task/a', reason: stopReason });
    expect(calls[8]?.[1]).toEqual({ cluster: 'demo', containerInstance: 'arn:ci/1', force: true });
    expect(pauses).toBe(3);
    expect(Object.values(progress).every((step) => step.state === 'done')).toBe(true);
    expect(reports).toContain('services running 1 service draining…');
    expect(progress.services.detail).toBe('1 service deleted');
    expect(reports).toContain('settle running 1 task still stopping…');
    expect(reports).toContain('engine running 2 containers, the network n…');
    expect(progress.tasks.detail).toBe('2 tasks asked to stop');
  });

  it('reports the step that failed and goes no further', async () => {
    const { client, calls } = fakeClient({
      'ecs.services.list': () => [],
      'ecs.tasks.list': () => [],
      'ecs.instances.list': () => [],
      'ecs.clusters.contents': () => contents({ activeTasks: 1 }),
    });
    const progress: Partial<Record<TeardownStep, StepProgress>> = {};
    await expect(
      tearDownCluster({
        cluster: 'demo',
        client,
        onProgress: (step, report) => void (progress[step] = report),
        pause: async () => undefined,
        maxPolls: 2,
      }),
    ).rejects.toThrow('Still there: 1 task still stopping.');
    expect(progress.settle).toEqual({
      state: 'failed',
      detail: 'Still there: 1 task still stopping.',
    });
    expect(progress.cluster).toBeUndefined();
    expect(calls.some(([name]) => name === 'ecs.clusters.delete')).toBe(false);
  });
});
