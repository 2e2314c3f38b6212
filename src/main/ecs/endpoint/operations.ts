import type { AwsApi } from '../control-plane/core/resource-module';
import {
  ecsOperations,
  methodName,
  operationApis,
  type EcsControlPlaneApi,
  type EcsOperationName,
} from '../control-plane/registry';

export type {
  EcsControlPlaneApi,
  EcsOperationName,
  EcsOperationShapes,
} from '../control-plane/registry';

/** The control plane's method for each operation the endpoint serves: the whole registry. */
const methods: ReadonlyMap<string, keyof EcsControlPlaneApi> = new Map(
  [...ecsOperations.keys()].map((name) => [name, methodName(name) as keyof EcsControlPlaneApi]),
);

/** The operations the endpoint serves for `api`, by their API names. */
export function servedOperations(api: AwsApi): readonly string[] {
  return [...methods.keys()].filter((name) => operationApis.get(name) === api);
}

/** Whether `operation` is one of `api`'s operations the control plane serves. */
export function isImplemented(
  operation: string,
  api: AwsApi = 'ecs',
): operation is EcsOperationName {
  return methods.has(operation) && operationApis.get(operation) === api;
}

/** Calls the control plane's method for `operation` with the request members. */
export function invokeOperation(
  plane: EcsControlPlaneApi,
  operation: EcsOperationName,
  input: Record<string, unknown>,
): Promise<unknown> {
  const method = plane[methods.get(operation)!] as (input: unknown) => Promise<unknown>;
  return method.call(plane, input);
}
