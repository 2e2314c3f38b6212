import { describe, expect, it } from 'vitest';
import { createPlane, web } from './control-plane/test-support';
import { callOn, ecsTestRouter, simulatedAppEcs } from './test-support';
import { ecsServiceHandlers } from './service-handlers';

const signal = new AbortController().signal;

/** The service calls through the real router, on a manual clock and the simulated runtime. */
async function serviceRouter() {
  const setup = createPlane();
  const router = ecsTestRouter(ecsServiceHandlers(simulatedAppEcs(setup)));
  await setup.plane.createCluster({ clusterName: 'demo' });
  await setup.plane.launchInstances({ cluster: 'demo', instanceType: 'm5.large', count: 2 });
  await setup.plane.registerTaskDefinition(web);
  return { ...setup, router };
}

describe('ECS service calls', () => {
  it('create, scale, describe, list and delete a service, with its history', async () => {
    const { router, run } = await serviceRouter();
    const created = await callOn(router, 'ecs.services.create', {
      request: {
        cluster: 'demo',
        serviceName: 'web',
        taskDefinition: 'web',
        desiredCount: 2,
        tags: [{ key: 'team', value: 'a' }],
      },
    });
    expect(created).toMatchObject({ serviceName: 'web', status: 'ACTIVE', desiredCount: 2 });
    expect(created.tags).toEqual([{ key: 'team', value: 'a' }]);
    expect(typeof created.createdAt).toBe('number');
    await run(5_000);
    const described = await callOn(router, 'ecs.services.describe', {
      cluster: 'demo',
      service: 'web',
    });
    expect(described.runningCount).toBe(2);

    const scaled = await callOn(router, 'ecs.services.update', {
      request: { cluster: 'demo', service: 'web', desiredCount: 3, forceNewDeployment: true },
    });
    expect(scaled.desiredCount).toBe(3);
    expect(scaled.deployments).toHaveLength(2);
    const listed = await callOn(router, 'ecs.services.list', { cluster: 'demo' });
    expect(listed.map((service) => service.serviceName)).toEqual(['web']);

    const history = await callOn(router, 'ecs.services.deployments', {
      cluster: 'demo',
      service: 'web',
    });
    expect(history.map((deployment) => deployment.status)).toEqual(['IN_PROGRESS', 'SUCCESSFUL']);
    // Without a load balancer its tasks serve in no target group.
    expect(history[0]?.servedTargetGroupArns).toEqual([]);
    const revisions = await callOn(router, 'ecs.services.revisions', {
      serviceRevisionArns: [history[0]?.targetServiceRevision?.arn ?? ''],
    });
    expect(revisions[0]?.taskDefinition).toMatch(/task-definition\/web:1$/);

    const stopping = history[0]?.serviceDeploymentArn ?? '';
    expect(
      await callOn(router, 'ecs.services.stopDeployment', { serviceDeploymentArn: stopping }),
    ).toEqual({ serviceDeploymentArn: stopping });
    const afterStop = await callOn(router, 'ecs.services.deployments', {
      cluster: 'demo',
      service: 'web',
    });
    expect(afterStop[0]?.status).toBe('ROLLBACK_IN_PROGRESS');
    const notInProgress = history[1]?.serviceDeploymentArn ?? '';
    expect(
      await router.call(
        'ecs.services.stopDeployment',
        { serviceDeploymentArn: notInProgress },
        signal,
      ),
    ).toMatchObject({
      error: {
        message: `The service deployment ${notInProgress} is not in progress and cannot be stopped.`,
        details: { type: 'ConflictException' },
      },
    });

    const refused = await router.call(
      'ecs.services.delete',
      { cluster: 'demo', service: 'web', force: false },
      signal,
    );
    expect(refused).toMatchObject({
      error: {
        code: 'ECS_CLIENT_EXCEPTION',
        message: 'The service cannot be stopped while it is scaled above 0.',
        details: { type: 'InvalidParameterException' },
      },
    });
    const deleted = await callOn(router, 'ecs.services.delete', {
      cluster: 'demo',
      service: 'web',
      force: true,
    });
    expect(deleted.status).toBe('DRAINING');
  });

  it('creates a service from create-service --cli-input-json text', async () => {
    const { router } = await serviceRouter();
    const created = await callOn(router, 'ecs.services.createJson', {
      json: JSON.stringify({ cluster: 'demo', serviceName: 'api', taskDefinition: 'web:1' }),
    });
    expect(created.serviceName).toBe('api');
    const bad = await router.call('ecs.services.createJson', { json: '[1]' }, signal);
    expect(bad).toMatchObject({ error: { code: 'ECS_CLIENT_EXCEPTION' } });
    const missing = await router.call(
      'ecs.services.describe',
      { cluster: 'demo', service: 'ghost' },
      signal,
    );
    expect(missing).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
