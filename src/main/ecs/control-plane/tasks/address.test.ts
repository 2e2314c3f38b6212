import { describe, expect, it } from 'vitest';
import { createPlane } from '../test-support';
import { withPrivateAddress } from './address';

async function awsvpcTask() {
  const { plane } = createPlane();
  await plane.createCluster();
  await plane.registerTaskDefinition({
    family: 'vpc',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'app', image: 'busybox' }],
  });
  const { tasks } = await plane.runTask({
    taskDefinition: 'vpc',
    launchType: 'FARGATE',
    networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a1'] } },
  });
  const record = plane.state.tasks[tasks?.[0]?.taskArn ?? ''];
  if (!record) throw new Error('the task was not stored');
  plane.dispose();
  return record;
}

describe('the address a runtime gave an awsvpc task', () => {
  it('replaces the address in the ENI, the attachment and its DNS name, one version on', async () => {
    const task = await awsvpcTask();
    const updated = withPrivateAddress(task, '172.18.3.7');
    expect(updated?.version).toBe(task.version + 1);
    expect(updated?.containers[0]?.networkInterfaces?.[0]?.privateIpv4Address).toBe('172.18.3.7');
    const details = Object.fromEntries(
      (updated?.attachments?.[0]?.details ?? []).map((d) => [d.name, d.value]),
    );
    expect(details).toMatchObject({
      privateIPv4Address: '172.18.3.7',
      privateDnsName: 'ip-172-18-3-7.ec2.internal',
      subnetId: 'subnet-a1',
    });
  });

  it('changes nothing when the task already has it, or has no address at all', async () => {
    const task = await awsvpcTask();
    const current = task.containers[0]?.networkInterfaces?.[0]?.privateIpv4Address ?? '';
    expect(withPrivateAddress(task, current)).toBeUndefined();
    const bridge = {
      ...task,
      containers: task.containers.map((c) => ({ ...c, networkInterfaces: [] })),
    };
    expect(withPrivateAddress(bridge, '172.18.3.7')).toBeUndefined();
  });
});
