import { autoScalingResource } from './auto-scaling/resource';
import { capacityProvidersResource } from './capacity-providers/resource';
import { clustersResource } from './clusters/resource';
import { elbTagsResource } from './elb-tags/resource';
import type { AnyOperation, AwsApi, Controller, InputOf, OutputOf } from './core/resource-module';
import { instancesResource } from './instances/resource';
import { listenerRulesResource } from './listener-rules/resource';
import { listenersResource } from './listeners/resource';
import { loadBalancersResource } from './load-balancers/resource';
import { servicesResource } from './services/resource';
import { tagsResource } from './tags/resource';
import { targetGroupsResource } from './target-groups/resource';
import { taskDefinitionsResource } from './task-definitions/resource';
import { tasksResource } from './tasks/resource';

/**
 * Every kind of resource the control plane knows, in the order their controllers run. The
 * endpoint's dispatch, the operation shapes, the control plane's methods and the fuzz lists
 * are all derived from this list: a new kind of resource is its folder and one line here.
 */
export const ecsResources = [
  clustersResource,
  instancesResource,
  tasksResource,
  taskDefinitionsResource,
  tagsResource,
  capacityProvidersResource,
  loadBalancersResource,
  listenersResource,
  listenerRulesResource,
  // Before services: a service reads the health its targets got in the same pass.
  targetGroupsResource,
  elbTagsResource,
  // After tasks: a service's round reads what its tasks became in the same pass.
  servicesResource,
  // After services: scaling decisions set the desired count of services as they now stand.
  autoScalingResource,
] as const;

type EcsOperation = (typeof ecsResources)[number]['operations'][number];

export type EcsOperationName = EcsOperation['name'];

/** Each operation's request and response shape, as the SDK names them. */
export type EcsOperationShapes = {
  [Op in EcsOperation as Op['name']]: [InputOf<Op>, OutputOf<Op>];
};

/**
 * The control plane as the endpoint and the app see it: one async method per operation,
 * named in camelCase, taking the request shape and answering the response shape (Dates as
 * Dates). It validates its own input and throws EcsApiError for anything ECS would refuse.
 * An operation whose every member is optional may be called without input.
 */
export type EcsControlPlaneApi = {
  [Op in EcsOperation as Uncapitalize<Op['name']>]: (
    ...input: object extends InputOf<Op> ? [input?: InputOf<Op>] : [input: InputOf<Op>]
  ) => Promise<OutputOf<Op>>;
};

/** The controllers of the resources that act over time, in the order they run. */
export const ecsControllers: readonly Controller[] = ecsResources.flatMap((resource) =>
  'controller' in resource ? [resource.controller] : [],
);

/** The resource module (by name) each declared collection belongs to. */
export const collectionOwners: ReadonlyMap<string, string> = new Map(
  ecsResources.flatMap((resource) =>
    'collections' in resource
      ? resource.collections.map((collection): [string, string] => [collection.name, resource.name])
      : [],
  ),
);

/** Every operation by its API name, with the API it belongs to. */
export const ecsOperations: ReadonlyMap<string, AnyOperation> = uniqueByName(
  ecsResources.flatMap((resource) =>
    resource.operations.map((operation): [string, AnyOperation] => [operation.name, operation]),
  ),
);

/** The API (ECS, ELBv2, Application Auto Scaling) each operation belongs to. */
export const operationApis: ReadonlyMap<string, AwsApi> = new Map(
  ecsResources.flatMap((resource) =>
    resource.operations.map((operation): [string, AwsApi] => [
      operation.name,
      'api' in resource ? (resource.api as AwsApi) : 'ecs',
    ]),
  ),
);

/**
 * The control plane has one method per operation name, so two APIs' operations of the same
 * name (each has its own TagResource) cannot both be served: the second is refused at load.
 */
function uniqueByName(
  entries: readonly [string, AnyOperation][],
): ReadonlyMap<string, AnyOperation> {
  const byName = new Map<string, AnyOperation>();
  for (const [name, operation] of entries) {
    if (byName.has(name)) throw new Error(`Two resource modules serve ${name}.`);
    byName.set(name, operation);
  }
  return byName;
}

/** The method of the control plane that serves `operation`. */
export function methodName<Name extends string>(operation: Name): Uncapitalize<Name> {
  return (operation.charAt(0).toLowerCase() + operation.slice(1)) as Uncapitalize<Name>;
}
