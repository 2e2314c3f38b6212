import { StowageError } from '../../shared';
import type { ecsServiceCalls } from '../../shared/contract/ecs-services';
import type { CallHandler } from '../rpc/handlers';
import type { AppEcs } from './simulator';

async function notYetWired(): Promise<never> {
  await Promise.resolve();
  throw new StowageError('OPERATION_FAILED', 'This ECS call is not served yet.');
}

/** The contract's ECS service calls. */
export function ecsServiceHandlers(ecs: AppEcs): {
  [K in keyof typeof ecsServiceCalls]: CallHandler<K>;
} {
  void ecs;
  return {
    'ecs.services.list': notYetWired,
    'ecs.services.describe': notYetWired,
    'ecs.services.create': notYetWired,
    'ecs.services.createJson': notYetWired,
    'ecs.services.update': notYetWired,
    'ecs.services.delete': notYetWired,
    'ecs.services.deployments': notYetWired,
    'ecs.services.revisions': notYetWired,
  };
}
