import type * as Elb from '@aws-sdk/client-elastic-load-balancing-v2';
import { readOperation, type ResourceModule } from '../core/resource-module';
import { elbPageMembers } from '../elb/members';
import { describeRules } from './operations';

export const listenerRulesResource = {
  name: 'listener-rules',
  api: 'elbv2',
  operations: [
    readOperation<Elb.DescribeRulesInput>()('DescribeRules', describeRules, {
      ListenerArn: 'ref',
      RuleArns: 'refs',
      ...elbPageMembers,
    }),
  ],
} as const satisfies ResourceModule;
