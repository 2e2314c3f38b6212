import { StowageError } from '../../shared';
import type { ecsLoadBalancingCalls } from '../../shared/contract/ecs-load-balancing';
import type { CallHandler } from '../rpc/handlers';
import type { AppEcs } from './simulator';

type TrafficCall = Extract<keyof typeof ecsLoadBalancingCalls, `ecs.traffic.${string}`>;
type TrafficHandlers = { [K in TrafficCall]: CallHandler<K> };

// DRAFT: declared so the data plane and the UI can be built against the same calls at once;
// each of these is replaced by its real handler before it lands.
const notYet = (): never => {
  throw new StowageError('OPERATION_FAILED', 'Sending traffic is not built yet.');
};

/** The contract's calls that send traffic through a load balancer from inside the app. */
export function ecsTrafficHandlers(ecs: AppEcs): TrafficHandlers {
  void ecs;
  return {
    'ecs.traffic.start': notYet,
    'ecs.traffic.stop': notYet,
    'ecs.traffic.list': notYet,
  };
}
