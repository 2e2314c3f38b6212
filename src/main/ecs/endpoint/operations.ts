import {
  ecsOperations,
  methodName,
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

/** Every operation the endpoint serves, by its API name. */
export const servedOperations: readonly string[] = [...methods.keys()];

export function isImplemented(operation: string): operation is EcsOperationName {
  return methods.has(operation);
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
