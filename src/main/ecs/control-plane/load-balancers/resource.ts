import type * as Elb from '@aws-sdk/client-elastic-load-balancing-v2';
import { readOperation, writeOperation, type ResourceModule } from '../core/resource-module';
import { elbPageMembers, elbTagMembers } from '../elb/members';
import {
  createLoadBalancer,
  deleteLoadBalancer,
  describeLoadBalancers,
  loadBalancersController,
} from './operations';
import { loadBalancers } from './records';

export const loadBalancersResource = {
  name: 'loadBalancers',
  api: 'elbv2',
  operations: [
    writeOperation<Elb.CreateLoadBalancerInput>()('CreateLoadBalancer', createLoadBalancer, {
      Name: 'text',
      Subnets: 'texts',
      SubnetMappings: { list: { SubnetId: 'text' } },
      SecurityGroups: 'texts',
      Scheme: 'text',
      Type: 'text',
      IpAddressType: 'text',
      Tags: elbTagMembers,
    }),
    readOperation<Elb.DescribeLoadBalancersInput>()(
      'DescribeLoadBalancers',
      describeLoadBalancers,
      {
        LoadBalancerArns: 'refs',
        Names: 'texts',
        ...elbPageMembers,
      },
    ),
    writeOperation<Elb.DeleteLoadBalancerInput>()('DeleteLoadBalancer', deleteLoadBalancer, {
      LoadBalancerArn: 'ref',
    }),
  ],
  controller: loadBalancersController,
  collections: [loadBalancers],
} as const satisfies ResourceModule;
