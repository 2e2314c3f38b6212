import { StowageError } from '../../shared';
import type { ecsExportCalls } from '../../shared/contract/ecs-services';
import type { CallHandler } from '../rpc/handlers';
import type { AppEcs } from './simulator';

async function notYetWired(): Promise<never> {
  await Promise.resolve();
  throw new StowageError('OPERATION_FAILED', 'This ECS call is not served yet.');
}

/** The contract's export and import calls. */
export function ecsExportHandlers(ecs: AppEcs): {
  [K in keyof typeof ecsExportCalls]: CallHandler<K>;
} {
  void ecs;
  return {
    'ecs.export': notYetWired,
    'ecs.import': notYetWired,
  };
}
