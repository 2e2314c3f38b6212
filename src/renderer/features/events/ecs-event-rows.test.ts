import { describe, expect, it } from 'vitest';
import { ecsEventRow, ecsRowMatches } from './ecs-event-rows';

const prefix = 'arn:aws:ecs:us-east-1:000000000000:';

describe('ecsEventRow', () => {
  it('words a task state change with the task event’s fields', () => {
    const row = ecsEventRow({
      id: 'x#3',
      time: 1,
      detailType: 'ECS Task State Change',
      clusterArn: `${prefix}cluster/demo`,
      resourceArn: `${prefix}task/demo/0123abcd`,
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stoppedReason: 'Essential container in task exited',
      stopCode: 'EssentialContainerExited',
      taskDefinitionArn: `${prefix}task-definition/web:3`,
      launchType: 'EC2',
      containerInstanceArn: `${prefix}container-instance/demo/ci1`,
      ec2InstanceId: 'i-0abc',
    });
    expect(row).toMatchObject({
      kind: 'Task state change',
      cluster: 'demo',
      resource: '0123abcd',
      context: 'web:3 on i-0abc',
      status: 'STOPPED',
      desired: 'STOPPED',
      reason: 'stoppedReason: Essential container in task exited (EssentialContainerExited)',
    });
    expect(ecsRowMatches(row, 'i-0abc exited')).toBe(true);
    expect(ecsRowMatches(row, 'RUNNING')).toBe(false);
  });

  it('words a container instance state change by its EC2 id', () => {
    const row = ecsEventRow({
      id: 'y#2',
      time: 1,
      detailType: 'ECS Container Instance State Change',
      clusterArn: `${prefix}cluster/demo`,
      resourceArn: `${prefix}container-instance/demo/ci1`,
      ec2InstanceId: 'i-0abc',
      status: 'DRAINING',
      agentConnected: false,
    });
    expect(row).toMatchObject({
      kind: 'Instance state change',
      resource: 'i-0abc',
      context: 'ci1',
      status: 'DRAINING',
      desired: '',
      reason: 'agentConnected: false',
    });
  });
});
