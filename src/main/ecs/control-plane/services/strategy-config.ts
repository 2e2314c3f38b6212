/**
 * The deployment strategy members of `deploymentConfiguration` (`strategy`,
 * `bakeTimeInMinutes`, `linearConfiguration`, `canaryConfiguration`): their ranges and
 * defaults as the ECS API reference gives them, and the settings a traffic shift runs by.
 */
import type { DeploymentConfiguration, DeploymentStrategy } from '@aws-sdk/client-ecs';
import { EcsApiError } from '../core/ecs-api-error';
import type { Params } from '../core/params';
import type { NormalisedDeploymentConfiguration, SchedulingStrategy } from './deployment-config';

/** The strategies that shift traffic between two target groups. */
export type TrafficStrategy = Exclude<DeploymentStrategy, 'ROLLING'>;

const strategies: readonly DeploymentStrategy[] = ['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY'];

/** API reference, LinearConfiguration and CanaryConfiguration. */
export const linearDefaults = { stepPercent: 10, stepBakeTimeInMinutes: 6 };
export const canaryDefaults = { canaryPercent: 5, canaryBakeTimeInMinutes: 10 };
const maxBakeMinutes = 1440;

const invalid = (message: string) => new EcsApiError('InvalidParameterException', message);

export const isTrafficStrategy = (
  strategy: DeploymentStrategy | undefined,
): strategy is TrafficStrategy => strategy !== undefined && strategy !== 'ROLLING';

/**
 * Reads the strategy members over `config` (which holds the base's): members the request
 * leaves out keep theirs, and LINEAR or CANARY get their configuration's defaults.
 */
export function readStrategyMembers(
  params: Params,
  config: NormalisedDeploymentConfiguration,
  scheduling: SchedulingStrategy,
): NormalisedDeploymentConfiguration {
  const next = { ...config };
  const strategy = params.oneOf('strategy', strategies);
  if (strategy !== undefined) next.strategy = strategy;
  if (isTrafficStrategy(next.strategy) && scheduling === 'DAEMON') {
    throw invalid(
      `The ${next.strategy} deployment strategy is not supported for services using the DAEMON scheduling strategy.`,
    );
  }
  const bake = params.integer('bakeTimeInMinutes', { min: 0, max: maxBakeMinutes });
  if (bake !== undefined) next.bakeTimeInMinutes = bake;
  const linear = params.object('linearConfiguration');
  if (linear || next.strategy === 'LINEAR') {
    const base = next.linearConfiguration;
    next.linearConfiguration = {
      stepPercent:
        percentOf(linear, 'linearConfiguration.stepPercent', 3) ??
        base?.stepPercent ??
        linearDefaults.stepPercent,
      stepBakeTimeInMinutes:
        linear?.integer('stepBakeTimeInMinutes', { min: 0, max: maxBakeMinutes }) ??
        base?.stepBakeTimeInMinutes ??
        linearDefaults.stepBakeTimeInMinutes,
    };
  }
  const canary = params.object('canaryConfiguration');
  if (canary || next.strategy === 'CANARY') {
    const base = next.canaryConfiguration;
    next.canaryConfiguration = {
      canaryPercent:
        percentOf(canary, 'canaryConfiguration.canaryPercent', 0.1) ??
        base?.canaryPercent ??
        canaryDefaults.canaryPercent,
      canaryBakeTimeInMinutes:
        canary?.integer('canaryBakeTimeInMinutes', { min: 0, max: maxBakeMinutes }) ??
        base?.canaryBakeTimeInMinutes ??
        canaryDefaults.canaryBakeTimeInMinutes,
    };
  }
  return next;
}

/** A percentage given in steps of 0.1 from `min` to 100.0. */
function percentOf(params: Params | undefined, path: string, min: number): number | undefined {
  const member = path.slice(path.indexOf('.') + 1);
  const value = params?.value(member);
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(`Invalid type for parameter deploymentConfiguration.${path}: expected a number.`);
  }
  const tenths = Math.round(value * 10);
  if (Math.abs(tenths - value * 10) > 1e-6 || value < min || value > 100) {
    throw invalid(
      `deploymentConfiguration.${path} must be a multiple of 0.1 from ${min.toFixed(1)} to 100.0.`,
    );
  }
  return tenths / 10;
}

/** What a traffic shift runs by: its strategy, the sizes of its steps and its bake times. */
export interface ShiftSettings {
  strategy: TrafficStrategy;
  /** After production traffic is all on green, before blue is cleaned up. */
  bakeTimeMs: number;
  /** Production traffic moved per step, in tenths of a percent. */
  stepTenths: number;
  /** The wait after each step short of 100 %. */
  stepBakeMs: number;
}

const minutes = (value: number | undefined) => (value ?? 0) * 60_000;

/**
 * The settings of a traffic-shifting configuration. A bake time left out counts as 0: the
 * API reference gives no default for `bakeTimeInMinutes`. The auto scaling demo timing does
 * not shorten bake times: a bake is the wait the user asked for, and 0 already makes a
 * deployment quick to watch.
 */
export function shiftSettingsOf(
  strategy: TrafficStrategy,
  config: DeploymentConfiguration,
): ShiftSettings {
  const bakeTimeMs = minutes(config.bakeTimeInMinutes);
  if (strategy === 'LINEAR') {
    const linear = config.linearConfiguration;
    return {
      strategy,
      bakeTimeMs,
      stepTenths: Math.round((linear?.stepPercent ?? linearDefaults.stepPercent) * 10),
      stepBakeMs: minutes(linear?.stepBakeTimeInMinutes ?? linearDefaults.stepBakeTimeInMinutes),
    };
  }
  if (strategy === 'CANARY') {
    const canary = config.canaryConfiguration;
    return {
      strategy,
      bakeTimeMs,
      stepTenths: Math.round((canary?.canaryPercent ?? canaryDefaults.canaryPercent) * 10),
      stepBakeMs: minutes(
        canary?.canaryBakeTimeInMinutes ?? canaryDefaults.canaryBakeTimeInMinutes,
      ),
    };
  }
  return { strategy, bakeTimeMs, stepTenths: 1000, stepBakeMs: 0 };
}
