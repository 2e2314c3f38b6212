import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openStream } from '../../../test/support/calls';
import { docker } from '../../../test/support/docker';
import { createAppBackend, type AppBackend } from '../composition';
import { systemEndpointSources } from '../docker/connection/engine';

// Steps 7 and 8 of the tour on the Docker runtime: ECS tasks become real containers of the
// tour's busybox image, and the service behind its load balancer answers real requests.

const clusters = ['stowage-tour-tasks', 'stowage-tour-services'];

/** What the Docker runtime made for the tour's clusters: their containers and networks. */
async function removeClusterResources(): Promise<void> {
  for (const cluster of clusters) {
    const ids = (
      await docker(['ps', '-aq', '--filter', `label=com.amazonaws.ecs.cluster=${cluster}`])
    )
      .split('\n')
      .filter(Boolean);
    if (ids.length > 0) await docker(['rm', '-f', ...ids]);
    await docker(['network', 'rm', `stowage-ecs-${cluster}`]).catch(() => undefined);
  }
}

describe('the tour’s tasks and services steps on the Docker runtime', () => {
  let dataDir: string;
  let services: AppBackend;

  beforeAll(async () => {
    await removeClusterResources();
    dataDir = await mkdtemp(join(tmpdir(), 'stowage-tour-ecs-'));
    services = createAppBackend({
      dataDir,
      ecsRuntime: 'docker',
      endpointSources: systemEndpointSources(),
    });
  });

  afterAll(async () => {
    await call(services, 'tour.reset', {}).catch(() => undefined);
    services.stop();
    await removeClusterResources();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs a task as a real container; killed on the engine, the task stops with its reason', async () => {
    const run = openStream(services, 'tour.steps.run', { step: 'tasks' });
    const status = await run.end;
    const result = status.result;
    if (result?.step !== 'tasks') throw new Error(`no tasks result: ${JSON.stringify(status)}`);
    const labels = JSON.parse(
      await docker(['inspect', '--format', '{{json .Config.Labels}}', result.task.containerId]),
    ) as Record<string, string>;
    expect(labels['com.amazonaws.ecs.task-arn']).toMatch(new RegExp(`/${result.task.taskId}$`));
    expect(
      await docker(['inspect', '--format', '{{.Config.Image}}', result.task.containerId]),
    ).toBe('stowage-tour/base:1');
    expect(
      await docker(['inspect', '--format', '{{.State.ExitCode}}', result.task.containerId]),
    ).toBe('137');
    expect(result.lastStatus).toBe('STOPPED');
    expect(result.stopCode).toBe('EssentialContainerExited');
    expect(result.stoppedReason).toBe('Essential container in task exited');
    expect(result.containerExitCode).toBe(137);
    expect(result.containerState).toBe('exited');
    expect(status.created.map((resource) => resource.kind)).toEqual([
      'ecs-cluster',
      'task-definition',
    ]);
    expect(run.items.map((item) => item.message)).toContainEqual(
      expect.stringMatching(
        /^The task is RUNNING as Docker container ecs-stowage-tour-tasks-1-app-/,
      ),
    );
  }, 120_000);

  it('keeps a service’s tasks running through a kill and a lost zone, balances and scales it', async () => {
    const run = openStream(services, 'tour.steps.run', { step: 'services' });
    const status = await run.end;
    const result = status.result;
    if (result?.step !== 'services')
      throw new Error(`no services result: ${JSON.stringify(status)}`);

    // The service spread its two tasks over the two zones.
    expect(new Set(result.tasks.map((task) => task.availabilityZone))).toEqual(
      new Set(result.zones),
    );
    // The killed task was replaced by a new one, a real container of the same image.
    const { killed, replacedBy } = result.replacement;
    expect(result.tasks.map((task) => task.taskId)).not.toContain(replacedBy.taskId);
    expect(result.replacement.stoppedReason).toBe('Essential container in task exited');
    expect(await docker(['inspect', '--format', '{{.State.ExitCode}}', killed.containerId])).toBe(
      '137',
    );
    expect(await docker(['inspect', '--format', '{{.Config.Image}}', replacedBy.containerId])).toBe(
      'stowage-tour/base:1',
    );
    // The zone went away: its task was lost and the service ran both in the other zone.
    expect(result.zoneLoss.lost.length).toBeGreaterThan(0);
    expect(result.zoneLoss.stoppedReason).toBe(
      `Task stopped because availability zone ${result.zoneLoss.zone} became unavailable.`,
    );
    expect(result.zoneLoss.tasksAfter).toHaveLength(2);
    for (const task of result.zoneLoss.tasksAfter) {
      expect(task.availabilityZone).not.toBe(result.zoneLoss.zone);
    }
    expect((await call(services, 'ecs.faults.zones', {})).unavailableZones).toEqual([]);
    // Every answer came from one of the two tasks, each task answering, with its own hostname.
    const answeredBy = new Set(result.loadBalancer.answers.map((answer) => answer.taskId));
    expect(answeredBy).toEqual(new Set(result.zoneLoss.tasksAfter.map((task) => task.taskId)));
    for (const answer of result.loadBalancer.answers) {
      const task = result.zoneLoss.tasksAfter.find(
        (candidate) => candidate.taskId === answer.taskId,
      );
      expect(
        await docker(['inspect', '--format', '{{.Config.Hostname}}', task?.containerId ?? '']),
      ).toBe(answer.body);
    }
    // Requests per task over the target scaled the service out, and the added tasks ran.
    const scaling = result.autoScaling;
    expect(scaling.desiredAfter).toBeGreaterThan(scaling.desiredBefore);
    expect(scaling.runningAfter).toBeGreaterThanOrEqual(scaling.desiredAfter);
    expect(
      scaling.datapoints.filter((value) => value > scaling.targetValue).length,
    ).toBeGreaterThanOrEqual(3);
    expect(scaling.cause).toMatch(
      /-AlarmHigh-[0-9a-f-]{36} in state ALARM triggered policy tour-requests-per-task$/,
    );
    const traffic = await call(services, 'ecs.traffic.list', {});
    expect(traffic.every((run) => run.stoppedAt !== undefined)).toBe(true);
    expect(status.created.map((resource) => `${resource.kind} ${resource.name}`)).toEqual([
      'ecs-cluster stowage-tour-services',
      'task-definition stowage-tour-services:1',
      'load-balancer tour-services',
      'target-group tour-services',
    ]);
  }, 180_000);
});
