import type * as Elb from '@aws-sdk/client-elastic-load-balancing-v2';
import { readOperation, writeOperation, type ResourceModule } from '../core/resource-module';
import { defaultActionMembers, elbPageMembers, elbTagMembers } from '../elb/members';
import { createListener, deleteListener, describeListeners, modifyListener } from './operations';
import { listeners } from './records';

export const listenersResource = {
  name: 'listeners',
  api: 'elbv2',
  operations: [
    writeOperation<Elb.CreateListenerInput>()('CreateListener', createListener, {
      LoadBalancerArn: 'ref',
      Protocol: 'text',
      Port: 'int',
      DefaultActions: defaultActionMembers,
      Tags: elbTagMembers,
    }),
    readOperation<Elb.DescribeListenersInput>()('DescribeListeners', describeListeners, {
      LoadBalancerArn: 'ref',
      ListenerArns: 'refs',
      ...elbPageMembers,
    }),
    writeOperation<Elb.ModifyListenerInput>()('ModifyListener', modifyListener, {
      ListenerArn: 'ref',
      Protocol: 'text',
      Port: 'int',
      DefaultActions: defaultActionMembers,
    }),
    writeOperation<Elb.DeleteListenerInput>()('DeleteListener', deleteListener, {
      ListenerArn: 'ref',
    }),
  ],
  collections: [listeners],
} as const satisfies ResourceModule;
