import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallName, CallInput, CallOutput } from '../../src/shared';
import { createPlane, web } from '../../src/main/ecs/control-plane/test-support';
import { appEcsEndpoint } from '../../src/main/ecs/endpoint/app-endpoint';
import { ecsHandlers } from '../../src/main/ecs/handlers';
import { ecsServiceHandlers } from '../../src/main/ecs/service-handlers';
import { callOn, ecsTestRouter, simulatedAppEcs } from '../../src/main/ecs/test-support';
import type { StowageClient } from '../../src/renderer/api/client';
import {
  initialProgress,
  tearDownCluster,
  type TeardownProgress,
} from '../../src/renderer/features/ecs/clusters/teardown';

/**
 * "Delete cluster and everything in it" as the dialog runs it, against the app's real ECS
 * handlers and control plane (manual clock, simulated runtime): a cluster with running
 * services and a task of its own goes, services first.
 */
describe('deleting a cluster with everything in it', () => {
  it('deletes its services with force, waits for their tasks, then takes the rest', async () => {
    const setup = createPlane();
    const app = simulatedAppEcs(setup);
    const endpoint = appEcsEndpoint({
      ecs: app,
      dataDir: join(tmpdir(), 'stowage-ecs-endpoint-unused'),
      clock: setup.clock,
      onError: (error) => {
        throw error;
      },
    });
    const router = ecsTestRouter({ ...ecsHandlers(app, endpoint), ...ecsServiceHandlers(app) });
    const { plane, run } = setup;
    await plane.createCluster({ clusterName: 'demo' });
    await plane.launchInstances({ cluster: 'demo', instanceType: 'm5.large', count: 3 });
    await plane.registerTaskDefinition(web);
    for (const serviceName of ['web', 'api']) {
      await plane.createService({
        cluster: 'demo',
        serviceName,
        taskDefinition: 'web',
        desiredCount: 2,
      });
    }
    await plane.runTask({ cluster: 'demo', taskDefinition: 'web' });
    await run(10_000);
    const running = () =>
      Object.values(plane.state.tasks).filter((task) => task.lastStatus === 'RUNNING').length;
    expect(running()).toBe(5);

    const client: Pick<StowageClient, 'call'> = {
      call: (<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> =>
        callOn(router, name, input)) as StowageClient['call'],
    };
    const progress: TeardownProgress = initialProgress();
    // Each look again lets half a second of simulated time pass.
    await tearDownCluster({
      cluster: 'demo',
      client,
      onProgress: (step, report) => void (progress[step] = report),
      pause: () => run(500),
      maxPolls: 120,
    });

    expect(Object.values(progress).map((step) => step.state)).toEqual(
      Object.values(progress).map(() => 'done'),
    );
    expect(progress.services.detail).toBe('2 services deleted');
    // The services' four tasks were stopped by their schedulers before the teardown's own stop.
    expect(progress.tasks.detail).toBe('1 task asked to stop');
    const { clusters = [] } = await plane.describeClusters({ clusters: ['demo'] });
    expect(clusters[0]?.status).toBe('INACTIVE');
    const { services = [] } = await plane.describeServices({
      cluster: 'demo',
      services: ['web', 'api'],
    });
    expect(services.map((service) => service.status)).toEqual(['INACTIVE', 'INACTIVE']);
    expect(running()).toBe(0);
    expect(Object.values(plane.state.tasks).every((task) => task.lastStatus === 'STOPPED')).toBe(
      true,
    );
  });
});
