import type * as Ecs from '@aws-sdk/client-ecs';
import {
  pageMembers,
  readOperation,
  tagMembers,
  writeOperation,
  type ResourceModule,
} from '../core/resource-module';
import { deleteAttributes, listAttributes, putAttributes } from './attributes';
import {
  deregisterContainerInstance,
  describeContainerInstances,
  listContainerInstances,
  registerContainerInstance,
  updateContainerInstancesState,
} from './operations';

const attributeMembers = {
  list: { name: 'text', value: 'text', targetType: 'text', targetId: 'ref' },
} as const;

export const instancesResource = {
  name: 'instances',
  operations: [
    writeOperation<Ecs.RegisterContainerInstanceRequest>()(
      'RegisterContainerInstance',
      registerContainerInstance,
      {
        cluster: 'ref',
        totalResources: {
          list: { name: 'text', type: 'text', integerValue: 'int', stringSetValue: 'texts' },
        },
        attributes: attributeMembers,
        containerInstanceArn: 'ref',
        tags: tagMembers,
      },
    ),
    writeOperation<Ecs.DeregisterContainerInstanceRequest>()(
      'DeregisterContainerInstance',
      deregisterContainerInstance,
      { cluster: 'ref', containerInstance: 'ref', force: 'bool' },
    ),
    readOperation<Ecs.DescribeContainerInstancesRequest>()(
      'DescribeContainerInstances',
      describeContainerInstances,
      { cluster: 'ref', containerInstances: 'refs', include: 'texts' },
    ),
    readOperation<Ecs.ListContainerInstancesRequest>()(
      'ListContainerInstances',
      listContainerInstances,
      { cluster: 'ref', filter: 'text', status: 'text', ...pageMembers },
    ),
    writeOperation<Ecs.UpdateContainerInstancesStateRequest>()(
      'UpdateContainerInstancesState',
      updateContainerInstancesState,
      { cluster: 'ref', containerInstances: 'refs', status: 'text' },
    ),
    writeOperation<Ecs.PutAttributesRequest>()('PutAttributes', putAttributes, {
      cluster: 'ref',
      attributes: attributeMembers,
    }),
    writeOperation<Ecs.DeleteAttributesRequest>()('DeleteAttributes', deleteAttributes, {
      cluster: 'ref',
      attributes: attributeMembers,
    }),
    readOperation<Ecs.ListAttributesRequest>()('ListAttributes', listAttributes, {
      cluster: 'ref',
      targetType: 'text',
      attributeName: 'text',
      attributeValue: 'text',
      ...pageMembers,
    }),
  ],
} as const satisfies ResourceModule;
