import type { Service } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docker } from '../../../../test/support/docker';
import { openDockerEcs, type DockerEcs } from '../../../../test/support/ecs-docker';
import { waitFor } from '../../../../test/support/wait-for';
import type { EcsControlPlane } from '../control-plane/core/control-plane';

// A service of three busybox httpd tasks on the real engine: a container killed outside the
// app is replaced, a new revision rolls out with the old containers gone, and a revision
// whose image cannot be pulled trips the circuit breaker and rolls back.

const fixtures = inject('fixtureImages');
const httpdImage = 'stowage-test/layered:1.0';
const cluster = `stowage-svc-${Date.now().toString(36)}`;

/** httpd as PID 1 ignores SIGTERM: a short stop timeout keeps rollouts quick. */
function site(revisionNote: string, image = httpdImage) {
  return {
    family: 'site',
    containerDefinitions: [
      {
        name: 'httpd',
        image,
        memory: 32,
        cpu: 64,
        stopTimeout: 2,
        environment: [{ name: 'REVISION', value: revisionNote }],
        portMappings: [{ containerPort: 8080, hostPort: 0 }],
      },
    ],
  };
}

describe('an ECS service on the Docker runtime', () => {
  let ecs: DockerEcs;
  let plane: EcsControlPlane;
  const runningContainers = () => ecs.runningContainers();

  const describeSite = async (): Promise<Service> =>
    (await plane.describeServices({ cluster, services: ['site'] })).services?.[0] ?? {};
  const liveTaskArns = async () =>
    (await plane.listTasks({ cluster, serviceName: 'site', maxResults: 100 })).taskArns ?? [];
  /** Steady on `revision`: one COMPLETED deployment, three tasks of it running, no other. */
  const steadyOn = (revision: number) =>
    waitFor(
      async () => {
        const service = await describeSite();
        const [deployment, ...others] = service.deployments ?? [];
        const live = await liveTaskArns();
        const described = (await plane.describeTasks({ cluster, tasks: live })).tasks ?? [];
        const onRevision = described.filter(
          (task) =>
            task.lastStatus === 'RUNNING' && task.taskDefinitionArn?.endsWith(`:${revision}`),
        );
        return others.length === 0 &&
          deployment?.rolloutState === 'COMPLETED' &&
          deployment.taskDefinition?.endsWith(`:${revision}`) &&
          described.length === 3 &&
          onRevision.length === 3
          ? service
          : undefined;
      },
      { what: () => `the service steady on revision ${revision}`, timeoutMs: 90_000 },
    );

  beforeAll(async () => {
    expect(fixtures.layered.tags).toContain(httpdImage);
    ecs = await openDockerEcs({
      cluster,
      reconcileIntervalMs: 100,
      settings: {
        serviceBackoff: { failuresBeforeBackoff: 3, initialDelayMs: 200, maxDelayMs: 1_000 },
      },
    });
    plane = ecs.plane;
    await plane.registerTaskDefinition(site('1'));
    await plane.createService({
      cluster,
      serviceName: 'site',
      taskDefinition: 'site:1',
      desiredCount: 3,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    await steadyOn(1);
  }, 120_000);

  afterAll(async () => {
    await ecs.close(['site']);
  });

  it('replaces a container killed outside the app with a new task, and says so', async () => {
    const before = await runningContainers();
    expect(before.size).toBe(3);
    const [victimTask, victimContainer] = [...before][0]!;
    await docker(['kill', victimContainer]);
    const service = await waitFor(
      async () => {
        const live = await liveTaskArns();
        return !live.includes(victimTask) && live.length === 3 ? await steadyOn(1) : undefined;
      },
      { what: 'a replacement for the killed task', timeoutMs: 90_000 },
    );
    const after = await runningContainers();
    expect(after.size).toBe(3);
    expect(after.has(victimTask)).toBe(false);
    const replacement = [...after.keys()].find((arn) => !before.has(arn)) ?? '';
    const messages = (service.events ?? []).map((event) => event.message);
    expect(messages).toContain(
      `(service site) has started 1 tasks: (task ${replacement.split('/').at(-1)}).`,
    );
    const [stopped] = (await plane.describeTasks({ cluster, tasks: [victimTask] })).tasks ?? [];
    expect(stopped?.stopCode).toBe('EssentialContainerExited');
  }, 120_000);

  it('rolls out a new revision until only its containers run', async () => {
    const old = await runningContainers();
    await plane.registerTaskDefinition(site('2'));
    await plane.updateService({ cluster, service: 'site', taskDefinition: 'site:2' });
    const service = await steadyOn(2);
    await waitFor(
      async () => {
        const now = await runningContainers();
        return now.size === 3 && [...old.keys()].every((arn) => !now.has(arn)) ? true : undefined;
      },
      { what: 'only the new revision’s containers running', timeoutMs: 60_000 },
    );
    expect(
      (service.events ?? []).some((event) => /deployment completed\.$/.test(event.message ?? '')),
    ).toBe(true);
  }, 120_000);

  it('trips the circuit breaker on a revision that cannot start and rolls back', async () => {
    await plane.registerTaskDefinition(site('3', 'stowage-test/never-built:1.0'));
    await plane.updateService({ cluster, service: 'site', taskDefinition: 'site:3' });
    const service = await steadyOn(2);
    const messages = (service.events ?? []).map((event) => event.message ?? '');
    expect(
      messages.some((message) => /deployment failed: tasks failed to start\.$/.test(message)),
    ).toBe(true);
    expect(
      messages.some((message) => /rolling back to deployment ecs-svc\/\d+\.$/.test(message)),
    ).toBe(true);
    const history = await plane.listServiceDeployments({ cluster, service: 'site' });
    expect(history.serviceDeployments?.[0]?.status).toBe('ROLLBACK_SUCCESSFUL');
    expect((await runningContainers()).size).toBe(3);
  }, 180_000);
});
