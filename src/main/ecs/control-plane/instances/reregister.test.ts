import type { ContainerInstance } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { apiError, createPlane, web } from '../test-support';

const resources = (cpu: number, memory: number) => [
  { name: 'CPU', type: 'INTEGER', integerValue: cpu },
  { name: 'MEMORY', type: 'INTEGER', integerValue: memory },
];
const integer = (
  instance: ContainerInstance | undefined,
  field: 'registeredResources' | 'remainingResources',
  name: string,
) => instance?.[field]?.find((r) => r.name === name)?.integerValue;
const attribute = (instance: ContainerInstance | undefined, name: string) =>
  instance?.attributes?.find((a) => a.name === name);

/** A registered instance running one task, with a custom attribute put on it since. */
async function busyInstance() {
  const setup = createPlane();
  const { plane } = setup;
  await plane.createCluster();
  const registered = await plane.registerContainerInstance({
    totalResources: resources(2048, 4096),
    instanceIdentityDocument: JSON.stringify({
      instanceId: 'i-0123456789abcdef0',
      availabilityZone: 'us-east-1c',
      instanceType: 'c5.large',
    }),
    attributes: [{ name: 'stack', value: 'blue' }],
  });
  const arn = registered.containerInstance?.containerInstanceArn ?? '';
  await plane.putAttributes({
    attributes: [{ name: 'rack', value: 'r7', targetId: arn }],
  });
  await plane.registerTaskDefinition(web);
  const { tasks } = await plane.runTask({ taskDefinition: 'web' });
  await setup.run(3000);
  const describe = async () =>
    (await plane.describeContainerInstances({ containerInstances: [arn] })).containerInstances?.[0];
  return { ...setup, arn, taskArn: tasks?.[0]?.taskArn ?? '', describe, before: await describe() };
}

describe('RegisterContainerInstance with the ARN of a registered instance', () => {
  it('keeps its ARN, EC2 instance, zone and tasks, and takes the new resources and attributes', async () => {
    const { plane, arn, taskArn, describe, before } = await busyInstance();
    expect(before?.runningTasksCount).toBe(1);

    const answer = await plane.registerContainerInstance({
      containerInstanceArn: arn,
      totalResources: resources(4096, 8192),
      attributes: [{ name: 'stack', value: 'green' }],
    });
    expect(answer.containerInstance?.containerInstanceArn).toBe(arn);
    const after = await describe();
    expect(after).toMatchObject({
      containerInstanceArn: arn,
      ec2InstanceId: 'i-0123456789abcdef0',
      status: 'ACTIVE',
      agentConnected: true,
      runningTasksCount: 1,
      version: (before?.version ?? 0) + 1,
      registeredAt: before?.registeredAt,
    });
    expect(integer(after, 'registeredResources', 'CPU')).toBe(4096);
    expect(integer(after, 'registeredResources', 'MEMORY')).toBe(8192);
    // The running task (256 CPU, 512 MiB) still holds its share of the new total.
    expect(integer(after, 'remainingResources', 'CPU')).toBe(4096 - 256);
    expect(integer(after, 'remainingResources', 'MEMORY')).toBe(8192 - 512);
    expect(attribute(after, 'stack')?.value).toBe('green');
    expect(attribute(after, 'rack')?.value).toBe('r7');
    expect(attribute(after, 'ecs.availability-zone')?.value).toBe('us-east-1c');
    expect(attribute(after, 'ecs.instance-type')?.value).toBe('c5.large');
    expect((await plane.listContainerInstances({})).containerInstanceArns).toEqual([arn]);
    const task = (await plane.describeTasks({ tasks: [taskArn] })).tasks?.[0];
    expect(task).toMatchObject({ containerInstanceArn: arn, lastStatus: 'RUNNING' });
    const [cluster] = (await plane.describeClusters({})).clusters ?? [];
    expect(cluster?.registeredContainerInstancesCount).toBe(1);
  });

  it('reconnects an instance whose agent was lost, and keeps a draining one draining', async () => {
    const { plane, arn, describe } = await busyInstance();
    await plane.setAgentConnected('default', arn, false);
    await plane.updateContainerInstancesState({ containerInstances: [arn], status: 'DRAINING' });
    await plane.registerContainerInstance({
      containerInstanceArn: arn,
      totalResources: resources(2048, 4096),
    });
    expect(await describe()).toMatchObject({ agentConnected: true, status: 'DRAINING' });
  });

  it('refuses an instance the cluster does not have, or one deregistered', async () => {
    const { plane, arn } = await busyInstance();
    await plane.createCluster({ clusterName: 'other' });
    await apiError(
      plane.registerContainerInstance({ cluster: 'other', containerInstanceArn: arn }),
      'ClientException',
      /is not registered with the cluster other\.$/,
    );
    await plane.deregisterContainerInstance({ containerInstance: arn, force: true });
    await apiError(
      plane.registerContainerInstance({ containerInstanceArn: arn }),
      'ClientException',
      /is not registered with the cluster default\.$/,
    );
  });
});
