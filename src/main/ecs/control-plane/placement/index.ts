/**
 * ECS task placement on EC2 container instances: pure, deterministic given `random`.
 * The control plane calls `placeTasks` for RunTask and service scheduling, checks requests
 * with `validatePlacement`, and asks `chooseTasksToStop` when a service scales in.
 */
export type { PlacementInstance, PlacementRequest, PlacementResult, Shortfall } from './types';
export { placeTasks } from './place';
export {
  maxConstraints,
  maxExpressionLength,
  maxStrategies,
  readQueryExpression,
  serviceDefaultStrategy,
  validatePlacement,
} from './rules';
export { chooseTasksToStop, type StoppableTask } from './scale-in';
export { evaluateQuery, queryTargetOf, type QueryTarget } from './query-evaluate';
export type { QueryNode } from './query-parser';
