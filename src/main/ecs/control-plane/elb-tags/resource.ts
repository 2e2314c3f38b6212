import type * as Elb from '@aws-sdk/client-elastic-load-balancing-v2';
import { readOperation, writeOperation, type ResourceModule } from '../core/resource-module';
import { elbTagMembers } from '../elb/members';
import { addTags, describeTags, removeTags } from './operations';

/** ELB's tagging of load balancers, target groups and listeners (tags kept on their records). */
export const elbTagsResource = {
  name: 'elbTags',
  api: 'elbv2',
  operations: [
    writeOperation<Elb.AddTagsInput>()('AddTags', addTags, {
      ResourceArns: 'refs',
      Tags: elbTagMembers,
    }),
    writeOperation<Elb.RemoveTagsInput>()('RemoveTags', removeTags, {
      ResourceArns: 'refs',
      TagKeys: 'texts',
    }),
    readOperation<Elb.DescribeTagsInput>()('DescribeTags', describeTags, {
      ResourceArns: 'refs',
    }),
  ],
} as const satisfies ResourceModule;
