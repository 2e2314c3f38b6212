import type { RegisterTaskDefinitionRequest } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { apiError, createPlane, web } from '../test-support';
import { fargateCapacityUnavailable } from '../tasks/run';
import { unavailableZones, zoneLostReason } from './outages';

// zoneOfSubnet puts subnet-2 in us-east-1a and subnet-3 in us-east-1b.
const subnetInA = 'subnet-2';
const subnetInB = 'subnet-3';
const fargateWeb: RegisterTaskDefinitionRequest = {
  family: 'fargate-web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'app', image: 'nginx' }],
};

async function twoZones() {
  const setup = createPlane();
  const { plane, run } = setup;
  await plane.createCluster({ clusterName: 'default' });
  for (const availabilityZone of ['us-east-1a', 'us-east-1b']) {
    await plane.launchInstances({
      cluster: 'default',
      instanceType: 'm5.xlarge',
      count: 2,
      availabilityZone,
    });
  }
  await plane.registerTaskDefinition(web);
  await plane.registerTaskDefinition(fargateWeb);
  const spread = [{ type: 'spread' as const, field: 'attribute:ecs.availability-zone' }];
  const ec2 = await plane.runTask({ taskDefinition: 'web', count: 4, placementStrategy: spread });
  const fargate = await plane.runTask({
    taskDefinition: 'fargate-web',
    launchType: 'FARGATE',
    count: 2,
    networkConfiguration: { awsvpcConfiguration: { subnets: [subnetInA, subnetInB] } },
  });
  await run(5_000);
  const tasks = [...(ec2.tasks ?? []), ...(fargate.tasks ?? [])];
  const describe = async () =>
    (await plane.describeTasks({ tasks: tasks.map((task) => task.taskArn!) })).tasks ?? [];
  const instances = async () => {
    const { containerInstanceArns = [] } = await plane.listContainerInstances({});
    const described = await plane.describeContainerInstances({
      containerInstances: containerInstanceArns,
    });
    return (described.containerInstances ?? []).map((instance) => ({
      arn: instance.containerInstanceArn!,
      zone: instance.attributes?.find((a) => a.name === 'ecs.availability-zone')?.value,
      agentConnected: instance.agentConnected,
    }));
  };
  return { ...setup, describe, instances };
}

describe('losing an availability zone', () => {
  it('disconnects its agents and loses its tasks, Fargate ones included', async () => {
    const { plane, describe, instances } = await twoZones();
    const before = await describe();
    expect(before.map((task) => task.lastStatus)).toEqual(before.map(() => 'RUNNING'));
    expect(before.filter((task) => task.availabilityZone === 'us-east-1a')).toHaveLength(3);

    await plane.setZoneAvailable('us-east-1a', false);
    expect(unavailableZones(plane.state)).toEqual(['us-east-1a']);
    for (const instance of await instances()) {
      expect(instance.agentConnected).toBe(instance.zone !== 'us-east-1a');
    }
    for (const task of await describe()) {
      if (task.availabilityZone === 'us-east-1a') {
        expect(task).toMatchObject({
          lastStatus: 'STOPPED',
          stopCode: 'InfrastructureHealth',
          stoppedReason: zoneLostReason('us-east-1a'),
        });
      } else {
        expect(task.lastStatus).toBe('RUNNING');
      }
    }
  });

  it('places nothing in the zone while it is away, EC2 or Fargate', async () => {
    const { plane } = await twoZones();
    await plane.setZoneAvailable('us-east-1a', false);
    // An agent reconnected by hand in a lost zone still takes no task.
    const [inA] = (
      await plane.listContainerInstances({
        filter: 'attribute:ecs.availability-zone == us-east-1a',
      })
    ).containerInstanceArns!;
    await plane.setAgentConnected('default', inA!, true);
    const ec2 = await plane.runTask({ taskDefinition: 'web', count: 6 });
    expect(ec2.tasks?.map((task) => task.availabilityZone)).toEqual(
      ec2.tasks?.map(() => 'us-east-1b'),
    );
    const fargate = await plane.runTask({
      taskDefinition: 'fargate-web',
      launchType: 'FARGATE',
      count: 3,
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnetInA, subnetInB] } },
    });
    expect(fargate.tasks?.map((task) => task.availabilityZone)).toEqual([
      'us-east-1b',
      'us-east-1b',
      'us-east-1b',
    ]);
    const stranded = await plane.runTask({
      taskDefinition: 'fargate-web',
      launchType: 'FARGATE',
      count: 2,
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnetInA] } },
    });
    expect(stranded.tasks).toEqual([]);
    expect(stranded.failures?.map((failure) => failure.reason)).toEqual([
      fargateCapacityUnavailable,
      fargateCapacityUnavailable,
    ]);
  });

  it('coming back reconnects the agents it disconnected, and tasks go there again', async () => {
    const { plane, instances } = await twoZones();
    const inA = (await instances()).filter((instance) => instance.zone === 'us-east-1a');
    // Disconnected by hand before the outage: stays disconnected after it.
    await plane.setAgentConnected('default', inA[0]!.arn, false);
    await plane.setZoneAvailable('us-east-1a', false);
    // Taking a zone away twice changes nothing more.
    await plane.setZoneAvailable('us-east-1a', false);
    await plane.setZoneAvailable('us-east-1a', true);
    expect(unavailableZones(plane.state)).toEqual([]);
    const after = new Map((await instances()).map((i) => [i.arn, i.agentConnected]));
    expect(after.get(inA[0]!.arn)).toBe(false);
    expect(after.get(inA[1]!.arn)).toBe(true);
    const placed = await plane.runTask({
      taskDefinition: 'web',
      count: 4,
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
    });
    // The family's two tasks left in us-east-1b are matched by three in us-east-1a, one more there.
    expect(placed.tasks?.map((task) => task.availabilityZone).sort()).toEqual([
      'us-east-1a',
      'us-east-1a',
      'us-east-1a',
      'us-east-1b',
    ]);
  });

  it('refuses what is not a zone name', async () => {
    const { plane } = createPlane();
    await apiError(
      plane.setZoneAvailable('atlantis', false),
      'InvalidParameterException',
      'atlantis is not an availability zone.',
    );
  });
});
