import type * as Elb from '@aws-sdk/client-elastic-load-balancing-v2';
import { readOperation, writeOperation, type ResourceModule } from '../core/resource-module';
import { elbPageMembers, elbTagMembers, targetMembers } from '../elb/members';
import { describeTargetGroupAttributes, modifyTargetGroupAttributes } from './attributes';
import { targetHealthController } from './health';
import { createTargetGroup, deleteTargetGroup, describeTargetGroups } from './operations';
import { registeredTargets, targetGroups } from './records';
import { deregisterTargets, describeTargetHealth, registerTargets } from './targets';

export const targetGroupsResource = {
  name: 'targetGroups',
  api: 'elbv2',
  operations: [
    writeOperation<Elb.CreateTargetGroupInput>()('CreateTargetGroup', createTargetGroup, {
      Name: 'text',
      Protocol: 'text',
      Port: 'int',
      VpcId: 'text',
      TargetType: 'text',
      HealthCheckProtocol: 'text',
      HealthCheckPort: 'text',
      HealthCheckEnabled: 'bool',
      HealthCheckPath: 'text',
      HealthCheckIntervalSeconds: 'int',
      HealthCheckTimeoutSeconds: 'int',
      HealthyThresholdCount: 'int',
      UnhealthyThresholdCount: 'int',
      Matcher: { object: { HttpCode: 'text' } },
      Tags: elbTagMembers,
    }),
    readOperation<Elb.DescribeTargetGroupsInput>()('DescribeTargetGroups', describeTargetGroups, {
      LoadBalancerArn: 'ref',
      TargetGroupArns: 'refs',
      Names: 'texts',
      ...elbPageMembers,
    }),
    writeOperation<Elb.DeleteTargetGroupInput>()('DeleteTargetGroup', deleteTargetGroup, {
      TargetGroupArn: 'ref',
    }),
    writeOperation<Elb.RegisterTargetsInput>()('RegisterTargets', registerTargets, {
      TargetGroupArn: 'ref',
      Targets: targetMembers,
    }),
    writeOperation<Elb.DeregisterTargetsInput>()('DeregisterTargets', deregisterTargets, {
      TargetGroupArn: 'ref',
      Targets: targetMembers,
    }),
    readOperation<Elb.DescribeTargetGroupAttributesInput>()(
      'DescribeTargetGroupAttributes',
      describeTargetGroupAttributes,
      { TargetGroupArn: 'ref' },
    ),
    writeOperation<Elb.ModifyTargetGroupAttributesInput>()(
      'ModifyTargetGroupAttributes',
      modifyTargetGroupAttributes,
      { TargetGroupArn: 'ref', Attributes: { list: { Key: 'text', Value: 'text' } } },
    ),
    readOperation<Elb.DescribeTargetHealthInput>()('DescribeTargetHealth', describeTargetHealth, {
      TargetGroupArn: 'ref',
      Targets: targetMembers,
      Include: 'texts',
    }),
  ],
  controller: targetHealthController,
  collections: [targetGroups, registeredTargets],
} as const satisfies ResourceModule;
