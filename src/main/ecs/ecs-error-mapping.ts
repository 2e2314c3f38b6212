import { StowageError } from '../../shared';
import { EcsApiError } from './control-plane/core/ecs-api-error';

/**
 * The control plane's refusals as the renderer gets them: ECS's own message, its exception
 * type in the details (ClusterContainsTasksException, ClientException, …).
 */
export function mapEcsError(error: unknown): StowageError | undefined {
  if (!(error instanceof EcsApiError)) return undefined;
  return new StowageError('ECS_CLIENT_EXCEPTION', error.message, { type: error.type });
}
