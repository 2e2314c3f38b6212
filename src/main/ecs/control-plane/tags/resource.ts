import type * as Ecs from '@aws-sdk/client-ecs';
import {
  readOperation,
  tagMembers,
  writeOperation,
  type ResourceModule,
} from '../core/resource-module';
import { listTagsForResource, tagResource, untagResource } from './operations';

/** Tagging, for every kind of resource that carries tags. */
export const tagsResource = {
  name: 'tags',
  operations: [
    writeOperation<Ecs.TagResourceRequest>()('TagResource', tagResource, {
      resourceArn: 'ref',
      tags: tagMembers,
    }),
    writeOperation<Ecs.UntagResourceRequest>()('UntagResource', untagResource, {
      resourceArn: 'ref',
      tagKeys: 'texts',
    }),
    readOperation<Ecs.ListTagsForResourceRequest>()('ListTagsForResource', listTagsForResource, {
      resourceArn: 'ref',
    }),
  ],
} as const satisfies ResourceModule;
