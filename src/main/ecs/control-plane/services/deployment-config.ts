/**
 * A service's deployment configuration: the defaults ECS fills in, the checks it makes, and
 * the task counts the percentages allow.
 */
import type { DeploymentConfiguration, ThresholdConfiguration } from '@aws-sdk/client-ecs';
import { EcsApiError } from '../core/ecs-api-error';
import type { Params } from '../core/params';
import { readStrategyMembers } from './strategy-config';
import {
  readBreakerTuning,
  readDeploymentAlarms,
  readEarlySuccessCriteria,
  readLifecycleHooks,
} from './unserved-deployment-members';

export type SchedulingStrategy = 'REPLICA' | 'DAEMON';

/** A deployment configuration with every member the scheduler reads filled in. */
export interface NormalisedDeploymentConfiguration extends DeploymentConfiguration {
  deploymentCircuitBreaker: {
    enable: boolean;
    rollback: boolean;
    resetOnHealthyTask?: boolean;
    thresholdConfiguration?: ThresholdConfiguration;
  };
  maximumPercent: number;
  minimumHealthyPercent: number;
}

/** REPLICA: 100 / 200; DAEMON: 0 / 100 (Developer Guide, "Daemon"). */
export function defaultDeploymentConfiguration(
  strategy: SchedulingStrategy,
): NormalisedDeploymentConfiguration {
  return {
    deploymentCircuitBreaker: { enable: false, rollback: false },
    maximumPercent: strategy === 'DAEMON' ? 100 : 200,
    minimumHealthyPercent: strategy === 'DAEMON' ? 0 : 100,
  };
}

const invalid = (message: string) => new EcsApiError('InvalidParameterException', message);

/**
 * Reads `deploymentConfiguration` from a request over `base` (the defaults on create, the
 * service's current configuration on update): members the request leaves out keep theirs.
 */
export function readDeploymentConfiguration(
  params: Params | undefined,
  base: NormalisedDeploymentConfiguration,
  strategy: SchedulingStrategy,
): NormalisedDeploymentConfiguration {
  if (params === undefined) return structuredClone(base);
  const breaker = params.object('deploymentCircuitBreaker');
  const config: NormalisedDeploymentConfiguration = {
    ...structuredClone(base),
    deploymentCircuitBreaker: breaker
      ? {
          enable: requiredBoolean(breaker, 'enable'),
          rollback: requiredBoolean(breaker, 'rollback'),
          ...readBreakerTuning(breaker),
        }
      : { ...base.deploymentCircuitBreaker },
    maximumPercent: params.integer('maximumPercent') ?? base.maximumPercent,
    minimumHealthyPercent: params.integer('minimumHealthyPercent') ?? base.minimumHealthyPercent,
  };
  const hooks = readLifecycleHooks(params);
  const alarms = readDeploymentAlarms(params);
  const earlySuccess = readEarlySuccessCriteria(params);
  if (hooks !== undefined) config.lifecycleHooks = hooks;
  if (alarms !== undefined) config.alarms = alarms;
  if (earlySuccess !== undefined) config.earlySuccessCriteria = earlySuccess;
  checkPercents(config, strategy);
  return readStrategyMembers(params, config, strategy);
}

/** Both members of `deploymentCircuitBreaker` are required when it is given. */
function requiredBoolean(breaker: Params, member: 'enable' | 'rollback'): boolean {
  const value = breaker.boolean(member);
  if (value !== undefined) return value;
  throw invalid(
    `1 validation error detected: Value null at 'deploymentConfiguration.deploymentCircuitBreaker.${member}' failed to satisfy constraint: Member must not be null`,
  );
}

function checkPercents(config: NormalisedDeploymentConfiguration, strategy: SchedulingStrategy) {
  if (config.minimumHealthyPercent < 0 || config.minimumHealthyPercent > 100) {
    throw invalid('minimumHealthyPercent must be between 0 and 100.');
  }
  if (strategy === 'DAEMON' && config.maximumPercent !== 100) {
    throw invalid(
      'The maximumPercent parameter for a service using the DAEMON scheduling strategy must be 100.',
    );
  }
  if (config.maximumPercent < 0) throw invalid('maximumPercent must be at least 0.');
}

/** The most tasks a service may have running or pending: floor(desired × maximum / 100). */
export function maximumTasks(desiredCount: number, maximumPercent: number): number {
  return Math.floor((desiredCount * maximumPercent) / 100);
}

/** The fewest healthy tasks it must keep: ceil(desired × minimum healthy / 100). */
export function minimumHealthyTasks(desiredCount: number, minimumHealthyPercent: number): number {
  return Math.ceil((desiredCount * minimumHealthyPercent) / 100);
}

/** Failed tasks that trip the circuit breaker: ceil(desired / 2), at least 10, at most 200. */
export function circuitBreakerThreshold(desiredCount: number): number {
  return Math.min(200, Math.max(10, Math.ceil(0.5 * desiredCount)));
}
