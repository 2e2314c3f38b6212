import {
  ClientException,
  CreateClusterCommand,
  DescribeContainerInstancesCommand,
  ListContainerInstancesCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, startHarness, type Harness } from './harness';

// RegisterContainerInstance with containerInstanceArn, as the ECS agent calls it when it starts
// again on an instance it registered before.

const resources = (cpu: number, memory: number) => [
  { name: 'CPU', type: 'INTEGER' as const, integerValue: cpu },
  { name: 'MEMORY', type: 'INTEGER' as const, integerValue: memory },
];

describe('ECS conformance: re-registering a container instance', () => {
  let h: Harness;
  const cluster = 'agents';

  beforeAll(async () => {
    h = await startHarness();
    await h.client.send(new CreateClusterCommand({ clusterName: cluster }));
  });
  afterAll(() => h.close());

  it('updates the instance in place: same ARN and tasks, new resources and attributes', async () => {
    const first = await h.client.send(
      new RegisterContainerInstanceCommand({
        cluster,
        totalResources: resources(1024, 2048),
        attributes: [{ name: 'build', value: '1' }],
      }),
    );
    const arn = first.containerInstance?.containerInstanceArn ?? '';
    await h.client.send(
      new RegisterTaskDefinitionCommand({
        family: 'worker',
        containerDefinitions: [{ name: 'w', image: 'busybox', memory: 256, cpu: 128 }],
      }),
    );
    const run = await h.client.send(new RunTaskCommand({ cluster, taskDefinition: 'worker' }));
    expect(run.failures).toEqual([]);

    const again = await h.client.send(
      new RegisterContainerInstanceCommand({
        cluster,
        containerInstanceArn: arn,
        totalResources: resources(2048, 4096),
        attributes: [{ name: 'build', value: '2' }],
      }),
    );
    expect(again.containerInstance?.containerInstanceArn).toBe(arn);
    const listed = await h.client.send(new ListContainerInstancesCommand({ cluster }));
    expect(listed.containerInstanceArns).toEqual([arn]);
    const [described] =
      (
        await h.client.send(
          new DescribeContainerInstancesCommand({ cluster, containerInstances: [arn] }),
        )
      ).containerInstances ?? [];
    expect(described?.version).toBe((first.containerInstance?.version ?? 0) + 1);
    expect((described?.runningTasksCount ?? 0) + (described?.pendingTasksCount ?? 0)).toBe(1);
    expect(described?.registeredResources?.find((r) => r.name === 'CPU')?.integerValue).toBe(2048);
    expect(described?.remainingResources?.find((r) => r.name === 'CPU')?.integerValue).toBe(
      2048 - 128,
    );
    expect(described?.attributes?.find((a) => a.name === 'build')?.value).toBe('2');
  });

  it('answers ClientException for an instance the cluster does not have', async () => {
    const unknown = `arn:aws:ecs:us-east-1:000000000000:container-instance/${cluster}/${'0'.repeat(32)}`;
    await rejection(
      h.client.send(
        new RegisterContainerInstanceCommand({
          cluster,
          containerInstanceArn: unknown,
          totalResources: resources(1024, 2048),
        }),
      ),
      ClientException,
      `The container instance ${unknown} is not registered with the cluster ${cluster}.`,
    );
  });
});
