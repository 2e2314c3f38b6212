import { StowageError } from '../../shared';
import type { ecsFaultCalls } from '../../shared/contract/ecs-services';
import type { CallHandler } from '../rpc/handlers';
import type { AppEcs } from './simulator';

async function notYetWired(): Promise<never> {
  await Promise.resolve();
  throw new StowageError('OPERATION_FAILED', 'This ECS call is not served yet.');
}

/** The contract's fault-injection calls. */
export function ecsFaultHandlers(ecs: AppEcs): {
  [K in keyof typeof ecsFaultCalls]: CallHandler<K>;
} {
  void ecs;
  return {
    'ecs.faults.killContainer': notYetWired,
    'ecs.faults.setZone': notYetWired,
    'ecs.faults.zones': notYetWired,
  };
}
