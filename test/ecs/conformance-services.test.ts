import {
  ClusterNotFoundException,
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  InvalidParameterException,
  ListServiceDeploymentsCommand,
  ListTagsForResourceCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  ServiceNotActiveException,
  ServiceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UnsupportedFeatureException,
  UpdateServiceCommand,
  ClientException,
  paginateListServices,
  waitUntilServicesInactive,
  waitUntilServicesStable,
  type Service,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arnPrefix, rejection, startHarness, type Harness } from './harness';

// Services through the real SDK on a cluster of three registered instances: every service
// operation with its defaults, errors and messages, the history API, tags on services, the
// paginator, and both service waiters while simulated time moves on.

const waiterTiming = { minDelay: 1, maxDelay: 1, maxWaitTime: 60 };

describe('ECS conformance: services', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await h.client.send(new CreateClusterCommand({ clusterName: 'apps' }));
    for (let i = 0; i < 3; i++) {
      await h.client.send(
        new RegisterContainerInstanceCommand({
          cluster: 'apps',
          totalResources: [
            { name: 'CPU', type: 'INTEGER', integerValue: 2048 },
            { name: 'MEMORY', type: 'INTEGER', integerValue: 2048 },
          ],
        }),
      );
    }
    for (const image of ['busybox:1', 'busybox:2']) {
      await h.client.send(
        new RegisterTaskDefinitionCommand({
          family: 'site',
          containerDefinitions: [{ name: 'httpd', image, memory: 128, cpu: 128 }],
        }),
      );
    }
  });
  afterAll(() => h.close());

  const describeOne = async (service: string, include?: 'TAGS'): Promise<Service> => {
    const answer = await h.client.send(
      new DescribeServicesCommand({
        cluster: 'apps',
        services: [service],
        ...(include && { include: [include] }),
      }),
    );
    return answer.services?.[0] ?? {};
  };
  const isSteady = async (service: string) => {
    const described = await describeOne(service);
    return (
      described.deployments?.length === 1 &&
      described.deployments[0]?.rolloutState === 'COMPLETED' &&
      described.runningCount === described.desiredCount
    );
  };
  /** Waits with the SDK's waiter while simulated time moves on until `condition` holds. */
  const waitWhileAdvancing = async <T>(
    waiter: Promise<T>,
    condition: () => Promise<boolean>,
    what: string,
  ): Promise<T> => {
    await h.advanceUntil(condition, { what, withinMs: 120_000 });
    return waiter;
  };

  it('creates a service with ECS defaults and the waiter sees it stable', async () => {
    const { service } = await h.client.send(
      new CreateServiceCommand({
        cluster: 'apps',
        serviceName: 'site',
        taskDefinition: 'site:1',
        desiredCount: 3,
        tags: [{ key: 'team', value: 'web' }],
      }),
    );
    expect(service).toMatchObject({
      serviceArn: `${arnPrefix}service/apps/site`,
      serviceName: 'site',
      clusterArn: `${arnPrefix}cluster/apps`,
      status: 'ACTIVE',
      desiredCount: 3,
      runningCount: 0,
      pendingCount: 0,
      launchType: 'EC2',
      schedulingStrategy: 'REPLICA',
      taskDefinition: `${arnPrefix}task-definition/site:1`,
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: false, rollback: false },
        maximumPercent: 200,
        minimumHealthyPercent: 100,
      },
      deploymentController: { type: 'ECS' },
      placementStrategy: [],
      events: [],
    });
    expect(service?.createdAt).toBeInstanceOf(Date);
    expect(service?.deployments).toHaveLength(1);
    expect(service?.deployments?.[0]).toMatchObject({
      status: 'PRIMARY',
      desiredCount: 3,
      rolloutState: 'IN_PROGRESS',
    });
    expect(service?.deployments?.[0]?.id).toMatch(/^ecs-svc\/\d{19}$/);

    const waited = await waitWhileAdvancing(
      waitUntilServicesStable(
        { client: h.client, ...waiterTiming },
        { cluster: 'apps', services: ['site'] },
      ),
      () => isSteady('site'),
      'the service steady',
    );
    expect(waited.state).toBe('SUCCESS');
    const steady = await describeOne('site');
    expect(steady.runningCount).toBe(3);
    expect(steady.events?.[0]?.message).toBe('(service site) has reached a steady state.');
    expect(steady.events?.some((event) => /has started 3 tasks/.test(event.message ?? ''))).toBe(
      true,
    );
  });

  it('refuses what ECS refuses, in its words', async () => {
    await rejection(
      h.client.send(
        new CreateServiceCommand({ cluster: 'apps', serviceName: 'site', taskDefinition: 'site' }),
      ),
      InvalidParameterException,
      'Creation of service was not idempotent.',
    );
    await rejection(
      h.client.send(
        new CreateServiceCommand({ cluster: 'nowhere', serviceName: 'x', taskDefinition: 'site' }),
      ),
      ClusterNotFoundException,
      'Cluster not found.',
    );
    await rejection(
      h.client.send(new CreateServiceCommand({ cluster: 'apps', serviceName: 'x' })),
      InvalidParameterException,
      'A task definition must be specified for a service using the ECS deployment controller.',
    );
    await rejection(
      h.client.send(
        new CreateServiceCommand({
          cluster: 'apps',
          serviceName: 'x',
          taskDefinition: 'unknown-family',
        }),
      ),
      ClientException,
    );
    await rejection(
      h.client.send(
        new CreateServiceCommand({
          cluster: 'apps',
          serviceName: 'x',
          taskDefinition: 'site',
          schedulingStrategy: 'DAEMON',
          desiredCount: 2,
        }),
      ),
      InvalidParameterException,
      'The daemon scheduling strategy does not support a desired count for services. Remove the desired count value and try again',
    );
    await rejection(
      h.client.send(
        new CreateServiceCommand({
          cluster: 'apps',
          serviceName: 'x',
          taskDefinition: 'site',
          deploymentController: { type: 'CODE_DEPLOY' },
        }),
      ),
      UnsupportedFeatureException,
      'The CODE_DEPLOY deployment controller is not supported.',
    );
    await rejection(
      h.client.send(new UpdateServiceCommand({ cluster: 'apps', service: 'nope' })),
      ServiceNotFoundException,
      'Service not found.',
    );
    await rejection(
      h.client.send(new DeleteServiceCommand({ cluster: 'apps', service: 'site' })),
      InvalidParameterException,
      'The service cannot be stopped while it is scaled above 0.',
    );
  });

  it('describes found services and names the missing ones, with tags when asked', async () => {
    const answer = await h.client.send(
      new DescribeServicesCommand({ cluster: 'apps', services: ['site', 'ghost'] }),
    );
    expect(answer.services?.map((service) => service.serviceName)).toEqual(['site']);
    expect(answer.services?.[0]?.tags).toBeUndefined();
    expect(answer.failures).toEqual([{ arn: `${arnPrefix}service/apps/ghost`, reason: 'MISSING' }]);
    expect((await describeOne(`${arnPrefix}service/apps/site`, 'TAGS')).tags).toEqual([
      { key: 'team', value: 'web' },
    ]);
    await rejection(
      h.client.send(new DescribeServicesCommand({ cluster: 'apps', services: [] })),
      InvalidParameterException,
    );
  });

  it('tags a service by its ARN', async () => {
    const resourceArn = `${arnPrefix}service/apps/site`;
    await h.client.send(
      new TagResourceCommand({ resourceArn, tags: [{ key: 'tier', value: 'front' }] }),
    );
    await h.client.send(new UntagResourceCommand({ resourceArn, tagKeys: ['team'] }));
    const { tags } = await h.client.send(new ListTagsForResourceCommand({ resourceArn }));
    expect(tags).toEqual([{ key: 'tier', value: 'front' }]);
  });

  it('lists services page by page', async () => {
    for (const serviceName of ['idle-a', 'idle-b']) {
      await h.client.send(
        new CreateServiceCommand({ cluster: 'apps', serviceName, taskDefinition: 'site' }),
      );
    }
    const arns: string[] = [];
    for await (const page of paginateListServices(
      { client: h.client, pageSize: 1 },
      { cluster: 'apps' },
    )) {
      expect(page.serviceArns?.length).toBeLessThanOrEqual(1);
      arns.push(...(page.serviceArns ?? []));
    }
    expect(arns.sort()).toEqual(
      ['idle-a', 'idle-b', 'site'].map((name) => `${arnPrefix}service/apps/${name}`),
    );
  });

  it('rolls out a new revision and keeps its history', async () => {
    const { service } = await h.client.send(
      new UpdateServiceCommand({ cluster: 'apps', service: 'site', taskDefinition: 'site:2' }),
    );
    expect(service?.taskDefinition).toBe(`${arnPrefix}task-definition/site:2`);
    expect(service?.deployments?.map((deployment) => deployment.status)).toEqual([
      'PRIMARY',
      'ACTIVE',
    ]);
    await h.advanceUntil(() => isSteady('site'), { what: 'the rollout', withinMs: 120_000 });
    const events = (await describeOne('site')).events ?? [];
    expect(
      events.some((event) =>
        /deployment ecs-svc\/\d+\) deployment completed\./.test(event.message ?? ''),
      ),
    ).toBe(true);

    const history = await h.client.send(
      new ListServiceDeploymentsCommand({ cluster: 'apps', service: 'site' }),
    );
    const briefs = history.serviceDeployments ?? [];
    expect(briefs.map((brief) => brief.status)).toEqual(['SUCCESSFUL', 'SUCCESSFUL']);
    const deployments = await h.client.send(
      new DescribeServiceDeploymentsCommand({
        serviceDeploymentArns: [
          briefs[0]?.serviceDeploymentArn ?? '',
          'arn:aws:ecs:us-east-1:000000000000:service-deployment/apps/site/none',
        ],
      }),
    );
    expect(deployments.serviceDeployments?.[0]).toMatchObject({
      serviceArn: `${arnPrefix}service/apps/site`,
      status: 'SUCCESSFUL',
      targetServiceRevision: { requestedTaskCount: 3, runningTaskCount: 3 },
    });
    expect(deployments.failures?.[0]?.reason).toBe('MISSING');
    const revisionArn = briefs[0]?.targetServiceRevisionArn ?? '';
    const revisions = await h.client.send(
      new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revisionArn] }),
    );
    expect(revisions.serviceRevisions?.[0]).toMatchObject({
      serviceRevisionArn: revisionArn,
      taskDefinition: `${arnPrefix}task-definition/site:2`,
      launchType: 'EC2',
    });
    await rejection(
      h.client.send(new ListServiceDeploymentsCommand({ cluster: 'apps', service: 'ghost' })),
      ServiceNotFoundException,
    );
  });

  it('deletes a service: DRAINING, then INACTIVE for the waiter, then refuses updates', async () => {
    const { service } = await h.client.send(
      new DeleteServiceCommand({ cluster: 'apps', service: 'site', force: true }),
    );
    expect(service?.status).toBe('DRAINING');
    const waited = await waitWhileAdvancing(
      waitUntilServicesInactive(
        { client: h.client, ...waiterTiming },
        { cluster: 'apps', services: ['site'] },
      ),
      async () => (await describeOne('site')).status === 'INACTIVE',
      'the service INACTIVE',
    );
    expect(waited.state).toBe('SUCCESS');
    await rejection(
      h.client.send(
        new UpdateServiceCommand({ cluster: 'apps', service: 'site', desiredCount: 1 }),
      ),
      ServiceNotActiveException,
      'Service was not ACTIVE.',
    );
    const stable = await waitUntilServicesStable(
      { client: h.client, ...waiterTiming },
      { cluster: 'apps', services: ['site'] },
    ).catch((error: unknown) => error);
    expect(String(stable)).toMatch(/FAILURE/);
    const { service: again } = await h.client.send(
      new CreateServiceCommand({ cluster: 'apps', serviceName: 'site', taskDefinition: 'site' }),
    );
    expect(again?.status).toBe('ACTIVE');
  });
});
