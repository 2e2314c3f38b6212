import { StowageError } from '../../shared';
import type { ecsLoadBalancingCalls } from '../../shared/contract/ecs-load-balancing';
import type { CallHandler } from '../rpc/handlers';
import type { AppEcs } from './simulator';

type LoadBalancingCall = Exclude<keyof typeof ecsLoadBalancingCalls, `ecs.traffic.${string}`>;
type LoadBalancingHandlers = { [K in LoadBalancingCall]: CallHandler<K> };

// DRAFT: declared so the control plane, the data plane and the UI can be built against the
// same calls at once; each of these is replaced by its real handler before it lands.
const notYet = (): never => {
  throw new StowageError('OPERATION_FAILED', 'Load balancers are not built yet.');
};

/** The contract's load-balancing calls. */
export function ecsLoadBalancingHandlers(ecs: AppEcs): LoadBalancingHandlers {
  void ecs;
  return {
    'ecs.loadBalancers.list': notYet,
    'ecs.loadBalancers.create': notYet,
    'ecs.loadBalancers.delete': notYet,
    'ecs.targetGroups.create': notYet,
    'ecs.targetGroups.delete': notYet,
    'ecs.listeners.create': notYet,
    'ecs.listeners.modify': notYet,
    'ecs.listeners.delete': notYet,
  };
}
