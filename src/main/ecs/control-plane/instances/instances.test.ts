import type { ContainerInstance, Resource } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import {
  awsvpcBlockImdsAttribute,
  instanceRoleAttribute,
} from '../../../../shared/contract/ecs-agent';
import { apiError, createPlane, prefix, web } from '../test-support';

const resource = (resources: Resource[] | undefined, name: string) =>
  resources?.find((r) => r.name === name);
const remaining = (instance: ContainerInstance | undefined) => ({
  cpu: resource(instance?.remainingResources, 'CPU')?.integerValue,
  memory: resource(instance?.remainingResources, 'MEMORY')?.integerValue,
  ports: resource(instance?.remainingResources, 'PORTS')?.stringSetValue,
});

async function clusterWithInstance(type = 'm5.large') {
  const setup = createPlane();
  await setup.plane.createCluster();
  const [instance] = await setup.plane.launchInstances({
    instanceType: type,
    availabilityZone: 'us-east-1b',
  });
  const arn = instance?.containerInstanceArn ?? '';
  const describe = async () =>
    (await setup.plane.describeContainerInstances({ containerInstances: [arn] }))
      .containerInstances?.[0];
  return { ...setup, instance, arn, describe };
}

describe('container instances', () => {
  it('registers a launched instance with its type’s resources, reserved ports and attributes', async () => {
    const { instance } = await clusterWithInstance();
    expect(instance?.containerInstanceArn).toMatch(
      new RegExp(`^${prefix}container-instance/default/[0-9a-f]{32}$`),
    );
    expect(instance?.ec2InstanceId).toMatch(/^i-[0-9a-f]{17}$/);
    expect(instance).toMatchObject({
      status: 'ACTIVE',
      agentConnected: true,
      runningTasksCount: 0,
    });
    expect(resource(instance?.registeredResources, 'CPU')?.integerValue).toBe(2048);
    expect(resource(instance?.registeredResources, 'MEMORY')?.integerValue).toBe(7680);
    expect(resource(instance?.registeredResources, 'PORTS')?.stringSetValue).toEqual([
      '22',
      '2375',
      '2376',
      '51678',
      '51679',
    ]);
    expect(resource(instance?.registeredResources, 'PORTS_UDP')?.stringSetValue).toEqual([]);
    const attributes = Object.fromEntries(
      (instance?.attributes ?? []).map((a) => [a.name, a.value]),
    );
    expect(attributes).toMatchObject({
      'ecs.availability-zone': 'us-east-1b',
      'ecs.instance-type': 'm5.large',
      'ecs.os-type': 'linux',
      'ecs.cpu-architecture': 'x86_64',
    });
    expect(attributes['ecs.ami-id']).toMatch(/^ami-/);
  });

  it.each([
    ['t3.micro', 2048, 960],
    ['m5.xlarge', 4096, 15360],
    ['r5.large', 2048, 15360],
  ])('registers a %s with %i CPU and %i MiB', async (type, cpu, memory) => {
    const { instance } = await clusterWithInstance(type);
    expect(remaining(instance)).toMatchObject({ cpu, memory });
  });

  it('refuses unknown instance types and zones of another region', async () => {
    const { plane } = createPlane();
    await plane.createCluster();
    await apiError(plane.launchInstances({ instanceType: 'z9.huge' }), 'InvalidParameterException');
    await apiError(
      plane.launchInstances({ instanceType: 't3.micro', availabilityZone: 'eu-west-1a' }),
      'InvalidParameterException',
    );
    await apiError(
      plane.launchInstances({ instanceType: 't3.micro', count: 0 }),
      'InvalidParameterException',
    );
  });

  it("records the agent's settings given at launch as attributes: instance role, IMDS blocking", async () => {
    const { plane } = createPlane();
    await plane.createCluster();
    const role = 'arn:aws:iam::123456789012:role/ecsInstanceRole';
    const attributesOf = (instance: ContainerInstance | undefined) =>
      Object.fromEntries((instance?.attributes ?? []).map((a) => [a.name, a.value]));
    const [blocking] = await plane.launchInstances({
      instanceType: 't3.micro',
      instanceRoleArn: role,
      awsvpcBlockImds: true,
    });
    expect(attributesOf(blocking)).toMatchObject({
      [instanceRoleAttribute]: role,
      [awsvpcBlockImdsAttribute]: 'true',
    });
    const [plain] = await plane.launchInstances({
      instanceType: 't3.micro',
      awsvpcBlockImds: false,
    });
    expect(Object.keys(attributesOf(plain))).not.toContain(awsvpcBlockImdsAttribute);
    expect(Object.keys(attributesOf(plain))).not.toContain(instanceRoleAttribute);
  });

  it('registers through the API with totalResources, and at most 10 custom attributes', async () => {
    const { plane } = createPlane();
    await plane.createCluster();
    const { containerInstance } = await plane.registerContainerInstance({
      totalResources: [
        { name: 'CPU', type: 'INTEGER', integerValue: 4096 },
        { name: 'MEMORY', type: 'INTEGER', integerValue: 3000 },
        { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['8080'] },
      ],
      attributes: [{ name: 'stack', value: 'prod' }],
    });
    expect(remaining(containerInstance)).toEqual({
      cpu: 4096,
      memory: 3000,
      ports: ['22', '2375', '2376', '8080', '51678', '51679'],
    });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `a${i}`, value: 'x' }));
    await apiError(
      plane.registerContainerInstance({ attributes: eleven }),
      'AttributeLimitExceededException',
    );
    const arn = containerInstance?.containerInstanceArn ?? '';
    const ten = Array.from({ length: 10 }, (_, i) => ({
      name: `b${i}`,
      value: 'y',
      targetId: arn,
    }));
    await apiError(plane.putAttributes({ attributes: ten }), 'AttributeLimitExceededException');
    await plane.putAttributes({ attributes: [{ name: 'tier', value: 'web', targetId: arn }] });
    const listed = await plane.listAttributes({
      targetType: 'container-instance',
      attributeName: 'tier',
    });
    expect(listed.attributes).toEqual([
      { name: 'tier', value: 'web', targetType: 'container-instance', targetId: arn },
    ]);
    await plane.deleteAttributes({ attributes: [{ name: 'tier', targetId: arn }] });
    expect(
      (await plane.listAttributes({ targetType: 'container-instance', attributeName: 'tier' }))
        .attributes,
    ).toEqual([]);
    await apiError(
      plane.putAttributes({ attributes: [{ name: 'x', value: 'y', targetId: 'ffff' }] }),
      'TargetNotFoundException',
    );
  });

  it('takes resources on placement and gives them back when the task stops', async () => {
    const { plane, arn, describe, run } = await clusterWithInstance();
    await plane.registerTaskDefinition({
      family: 'fixed',
      containerDefinitions: [
        {
          name: 'app',
          image: 'nginx',
          cpu: 512,
          memory: 1024,
          portMappings: [{ containerPort: 80, hostPort: 8080 }],
        },
      ],
    });
    const { tasks } = await plane.runTask({ taskDefinition: 'fixed' });
    expect(tasks?.[0]?.containerInstanceArn).toBe(arn);
    expect(remaining(await describe())).toEqual({
      cpu: 1536,
      memory: 6656,
      ports: ['22', '2375', '2376', '8080', '51678', '51679'],
    });
    const second = await plane.runTask({ taskDefinition: 'fixed' });
    expect(second.tasks).toEqual([]);
    expect(second.failures).toEqual([{ arn, reason: 'RESOURCE:PORTS' }]);
    await run(4_000);
    await plane.stopTask({ task: tasks?.[0]?.taskArn ?? '' });
    await run(2_000);
    expect(remaining(await describe())).toEqual({
      cpu: 2048,
      memory: 7680,
      ports: ['22', '2375', '2376', '51678', '51679'],
    });
  });

  it('drains and reactivates; a draining instance gets no new tasks', async () => {
    const { plane, arn } = await clusterWithInstance();
    await plane.registerTaskDefinition(web);
    const drained = await plane.updateContainerInstancesState({
      containerInstances: [arn],
      status: 'DRAINING',
    });
    expect(drained.containerInstances?.[0]?.status).toBe('DRAINING');
    await apiError(
      plane.runTask({ taskDefinition: 'web' }),
      'InvalidParameterException',
      'No Container Instances were found in your cluster.',
    );
    await apiError(
      plane.updateContainerInstancesState({
        containerInstances: [arn],
        status: 'INACTIVE' as never,
      }),
      'InvalidParameterException',
    );
    await plane.updateContainerInstancesState({ containerInstances: [arn], status: 'ACTIVE' });
    expect((await plane.runTask({ taskDefinition: 'web' })).tasks).toHaveLength(1);
    expect(
      (await plane.listContainerInstances({ status: 'ACTIVE' })).containerInstanceArns,
    ).toEqual([arn]);
    expect(
      (
        await plane.listContainerInstances({
          filter: 'attribute:ecs.availability-zone == us-east-1a',
        })
      ).containerInstanceArns,
    ).toEqual([]);
    expect(
      (await plane.listContainerInstances({ filter: 'attribute:ecs.instance-type =~ m5.*' }))
        .containerInstanceArns,
    ).toEqual([arn]);
  });

  it('deregisters with running tasks only with force, and stops those tasks', async () => {
    const { plane, arn, run } = await clusterWithInstance();
    await plane.registerTaskDefinition(web);
    const { tasks } = await plane.runTask({ taskDefinition: 'web' });
    await run(4_000);
    await apiError(
      plane.deregisterContainerInstance({ containerInstance: arn }),
      'InvalidParameterException',
      'Found running tasks on the instance.',
    );
    const { containerInstance } = await plane.deregisterContainerInstance({
      containerInstance: arn,
      force: true,
    });
    expect(containerInstance?.status).toBe('INACTIVE');
    await run(2_000);
    const [task] = (await plane.describeTasks({ tasks: [tasks?.[0]?.taskArn ?? ''] })).tasks ?? [];
    expect(task).toMatchObject({
      lastStatus: 'STOPPED',
      stoppedReason: 'Container instance deregistered.',
    });
    expect((await plane.listContainerInstances()).containerInstanceArns).toEqual([]);
  });

  it('loses the tasks of an instance whose agent disconnects, and places nothing there', async () => {
    const { plane, arn, describe, runtime, run } = await clusterWithInstance();
    await plane.registerTaskDefinition(web);
    const { tasks } = await plane.runTask({ taskDefinition: 'web' });
    const taskArn = tasks?.[0]?.taskArn ?? '';
    await run(4_000);
    const disconnected = await plane.setAgentConnected('default', arn, false);
    expect(disconnected).toMatchObject({ agentConnected: false, runningTasksCount: 0 });
    const [task] = (await plane.describeTasks({ tasks: [taskArn] })).tasks ?? [];
    expect(task).toMatchObject({
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stopCode: 'InfrastructureHealth',
    });
    expect(task?.stoppedReason).toMatch(
      /^Task stopped because the ECS agent on container instance [0-9a-f]{32} \(i-[0-9a-f]{17}\) disconnected\.$/,
    );
    expect(runtime.containersOf(taskArn)).toEqual([{ name: 'app', state: 'exited' }]);
    expect(remaining(await describe())).toMatchObject({ cpu: 2048, memory: 7680 });
    const refused = await plane.runTask({ taskDefinition: 'web' });
    expect(refused.failures).toEqual([{ arn, reason: 'AGENT' }]);
    await plane.setAgentConnected('default', arn, true);
    await run(500);
    expect((await plane.runTask({ taskDefinition: 'web' })).tasks).toHaveLength(1);
  });
});
