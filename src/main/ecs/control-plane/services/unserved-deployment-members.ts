/**
 * The `deploymentConfiguration` members ECS has that need something this endpoint does not
 * run (Lambda, CloudWatch alarms, ContinueServiceDeployment) or a scheduler it does not have:
 * refused with the reason rather than dropped, so a request never reads as served when it is
 * not. A member that asks for nothing (a hook list that is empty, alarms or early success
 * criteria turned off, the circuit breaker's own defaults) is kept as given.
 */
import type {
  DeploymentAlarms,
  DeploymentEarlySuccessCriteria,
  ThresholdConfiguration,
} from '@aws-sdk/client-ecs';
import { EcsApiError } from '../core/ecs-api-error';
import type { Params } from '../core/params';

const refuse = (message: string): never => {
  throw new EcsApiError('InvalidParameterException', message);
};

const hookTypes = ['AWS_LAMBDA', 'PAUSE'] as const;

/** `lifecycleHooks`: only an empty list (no hooks) is served. */
export function readLifecycleHooks(params: Params): [] | undefined {
  const hooks = params.objectList('lifecycleHooks');
  if (hooks === undefined) return undefined;
  const [hook] = hooks;
  if (hook === undefined) return [];
  return refuse(
    (hook.oneOf('targetType', hookTypes) ?? 'AWS_LAMBDA') === 'PAUSE'
      ? 'Lifecycle hooks are not supported: PAUSE hooks wait for ContinueServiceDeployment, which this endpoint does not serve.'
      : 'Lifecycle hooks are not supported: lifecycle hooks invoke Lambda functions, which this endpoint does not run.',
  );
}

/** `alarms`: kept while turned off; turned on, refused (there is no CloudWatch here). */
export function readDeploymentAlarms(params: Params): DeploymentAlarms | undefined {
  const alarms = params.object('alarms');
  if (alarms === undefined) return undefined;
  const read: DeploymentAlarms = {
    alarmNames: alarms.requiredStringList('alarmNames'),
    enable: requiredBoolean(alarms, 'alarms', 'enable'),
    rollback: requiredBoolean(alarms, 'alarms', 'rollback'),
  };
  if (read.enable === true) {
    refuse(
      'Deployment alarms are not supported: they watch CloudWatch alarms, which this endpoint does not keep.',
    );
  }
  return read;
}

/** `earlySuccessCriteria`: kept while turned off; turned on, refused. */
export function readEarlySuccessCriteria(
  params: Params,
): DeploymentEarlySuccessCriteria | undefined {
  const criteria = params.object('earlySuccessCriteria');
  if (criteria === undefined) return undefined;
  if (requiredBoolean(criteria, 'earlySuccessCriteria', 'enable')) {
    refuse(
      'Early success criteria are not supported: a deployment here completes only once the new revision is steady and the previous tasks are gone.',
    );
  }
  return { enable: false };
}

/**
 * The circuit breaker's `resetOnHealthyTask` and `thresholdConfiguration`: served as ECS's
 * defaults (reset on a healthy task; BOUNDED_PERCENT of 50), which is how the breaker here
 * counts; anything else refused.
 */
export function readBreakerTuning(breaker: Params): {
  resetOnHealthyTask?: boolean;
  thresholdConfiguration?: ThresholdConfiguration;
} {
  const reset = breaker.boolean('resetOnHealthyTask');
  if (reset === false) {
    refuse(
      'deploymentCircuitBreaker.resetOnHealthyTask false is not supported: the circuit breaker here resets its failure count once a task is healthy.',
    );
  }
  const threshold = breaker.object('thresholdConfiguration');
  const type = threshold?.oneOf('type', ['BOUNDED_PERCENT', 'UNBOUNDED_PERCENT', 'COUNT']);
  const value = threshold?.integer('value');
  if (threshold !== undefined && (type !== 'BOUNDED_PERCENT' || value !== 50)) {
    refuse(
      'deploymentCircuitBreaker.thresholdConfiguration is not supported other than BOUNDED_PERCENT of 50: the circuit breaker here trips at 50 % of the desired count, at least 10 and at most 200 tasks.',
    );
  }
  return {
    ...(reset !== undefined && { resetOnHealthyTask: reset }),
    ...(threshold !== undefined && {
      thresholdConfiguration: { type: 'BOUNDED_PERCENT', value: 50 },
    }),
  };
}

function requiredBoolean(params: Params, parent: string, member: string): boolean {
  const value = params.boolean(member);
  if (value !== undefined) return value;
  return refuse(
    `1 validation error detected: Value null at 'deploymentConfiguration.${parent}.${member}' failed to satisfy constraint: Member must not be null`,
  );
}
