/**
 * The simulated ECS control plane, for the endpoint, the store and the UI handlers: the
 * class with one method per ECS operation, its state and change records, and the pure
 * helpers the UI shows (instance types, the CLI JSON of a task definition).
 */
export {
  EcsControlPlane,
  type EcsChangeListener,
  type EcsControlPlaneOptions,
} from './core/control-plane';
export { defaultEcsSettings, type EcsSettings } from './core/arns';
export { EcsApiError, ecsErrorTypes, type EcsErrorType } from './core/ecs-api-error';
export {
  instanceTypes,
  isInstanceType,
  registeredResourcesOf,
  type InstanceTypeName,
} from './instances/instance-types';
export type { LaunchInstancesInput } from './instances/operations';
export {
  applyEcsChange,
  applyEcsChangeInPlace,
  applyEcsChanges,
  emptyEcsState,
  type EcsChange,
  type EcsState,
} from './core/state';
export { exportTaskDefinitionInput } from './task-definitions/export';
