import type { ecsContract } from '../../../shared/contract/ecs';
import type { DomainHandlers } from '../../rpc/handlers';
import type { AppEcsEndpoint } from './app-endpoint';

type EndpointCalls = Pick<
  DomainHandlers<typeof ecsContract>,
  'ecs.endpoint.get' | 'ecs.endpoint.set'
>;

/** The calls that turn the app's ECS API endpoint on and off. */
export function ecsEndpointHandlers(endpoint: AppEcsEndpoint): EndpointCalls {
  return {
    'ecs.endpoint.get': () => endpoint.status(),
    'ecs.endpoint.set': (input) => endpoint.set(input),
  };
}
