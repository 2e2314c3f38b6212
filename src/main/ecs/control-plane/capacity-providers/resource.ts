import type * as Ecs from '@aws-sdk/client-ecs';
import { readOperation, type ResourceModule } from '../core/resource-module';
import { describeCapacityProviders } from './describe';

/** The account's default capacity providers (FARGATE, FARGATE_SPOT), read only. */
export const capacityProvidersResource = {
  name: 'capacityProviders',
  operations: [
    readOperation<Ecs.DescribeCapacityProvidersRequest>()(
      'DescribeCapacityProviders',
      describeCapacityProviders,
      {
        capacityProviders: 'refs',
        cluster: 'ref',
        include: 'texts',
        maxResults: 'int',
        nextToken: 'text',
      },
    ),
  ],
} as const satisfies ResourceModule;
