import { StowageError } from '../../shared';
import type { ecsAutoScalingCalls } from '../../shared/contract/ecs-load-balancing';
import type { CallHandler } from '../rpc/handlers';
import type { AppEcs } from './simulator';

type AutoScalingHandlers = { [K in keyof typeof ecsAutoScalingCalls]: CallHandler<K> };

// DRAFT: declared so the control plane and the UI can be built against the same calls at
// once; each of these is replaced by its real handler before it lands.
const notYet = (): never => {
  throw new StowageError('OPERATION_FAILED', 'Auto scaling is not built yet.');
};

/** The contract's Application Auto Scaling calls. */
export function ecsAutoScalingHandlers(ecs: AppEcs): AutoScalingHandlers {
  void ecs;
  return {
    'ecs.autoScaling.get': notYet,
    'ecs.autoScaling.register': notYet,
    'ecs.autoScaling.deregister': notYet,
    'ecs.autoScaling.putPolicy': notYet,
    'ecs.autoScaling.deletePolicy': notYet,
    'ecs.autoScaling.setLoad': notYet,
    'ecs.autoScaling.settings': notYet,
    'ecs.autoScaling.setSettings': notYet,
  };
}
