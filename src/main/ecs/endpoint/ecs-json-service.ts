import { EcsApiError, ecsErrorTypes } from '../control-plane/core/ecs-api-error';
import { ecsModelOperations } from './ecs-model-operations';
import { invokeOperation, isImplemented, type EcsControlPlaneApi } from './operations';

/**
 * One AWS service the endpoint speaks in JSON 1.1: the `X-Amz-Target` prefix that names it,
 * the operations of its model (one it does not serve is unsupported rather than unknown),
 * how to call one, and which of its errors are its own API errors.
 */
export interface JsonService<Api> {
  readonly targetPrefix: string;
  /** Its name in messages (`ECS`). */
  readonly title: string;
  readonly modelOperations: ReadonlySet<string>;
  isServed(operation: string): boolean;
  invoke(api: Api, operation: string, input: Record<string, unknown>): Promise<unknown>;
  /** The type it answers with for an operation of its model it does not serve. */
  readonly unsupportedType: string;
  /** Its exception for a failure of the server's own (sent with HTTP 500). */
  readonly serverErrorType: string;
  /** The API error `error` is (type and message), or undefined for any other exception. */
  apiErrorOf(error: unknown): { type: string; message: string } | undefined;
}

export const ecsTargetPrefix = 'AmazonEC2ContainerServiceV20141113.';

const knownErrorTypes: ReadonlySet<string> = new Set(ecsErrorTypes);

/** ECS, served from the control plane's registry. */
export const ecsJsonService: JsonService<EcsControlPlaneApi> = {
  targetPrefix: ecsTargetPrefix,
  title: 'ECS',
  modelOperations: ecsModelOperations,
  unsupportedType: 'UnsupportedFeatureException',
  serverErrorType: 'ServerException',
  isServed: isImplemented,
  invoke: (plane, operation, input) =>
    invokeOperation(plane, operation as Parameters<typeof invokeOperation>[1], input),
  apiErrorOf: (error) =>
    error instanceof EcsApiError && knownErrorTypes.has(error.type) ? error : undefined,
};
