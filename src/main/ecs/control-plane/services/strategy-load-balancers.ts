/**
 * The load balancer side of BLUE_GREEN, LINEAR and CANARY deployments: the checks ECS makes
 * of `loadBalancers[].advancedConfiguration`, and the listeners' forward actions as a
 * service's traffic plan wants them (production weighted over the pair of target groups,
 * test to green while a deployment tests it).
 *
 * A production or test listener rule is named by its ARN; each listener here has one rule,
 * its default, whose ARN is `defaultListenerRuleArn(listenerArn)`. A listener's own ARN is
 * taken too, as ECS takes it for a Network Load Balancer.
 */
import type { LoadBalancer } from '@aws-sdk/client-ecs';
import { defaultListenerRuleArn } from '../../../../shared/domain/ecs';
import { EcsApiError } from '../core/ecs-api-error';
import type { EcsChange, EcsState } from '../core/state';
import { listeners, type ListenerRecord } from '../listeners/records';
import { loadBalancerArnsOf, targetGroups } from '../target-groups/records';
import type { NormalisedDeploymentConfiguration } from './deployment-config';
import type { ServiceRecord } from './records';
import { isTrafficStrategy } from './strategy-config';
import { productionWeights, shiftingPrimary, trafficPlan } from './traffic-shift';
import type { ServiceDeploymentRecord } from './types';

const invalid = (message: string) => new EcsApiError('InvalidParameterException', message);

const roleArnPattern = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** The listener a production or test listener rule names, if any. */
export function listenerOfRule(state: EcsState, ruleArn: string): ListenerRecord | undefined {
  const listener = listeners.get(state, ruleArn);
  if (listener) return listener;
  if (!ruleArn.includes(':listener-rule/')) return undefined;
  const asListener = ruleArn.replace(':listener-rule/', ':listener/');
  const listenerArn = asListener.slice(0, asListener.lastIndexOf('/'));
  const candidate = listeners.get(state, listenerArn);
  return candidate && defaultListenerRuleArn(candidate.listenerArn) === ruleArn
    ? candidate
    : undefined;
}

/**
 * CreateService's and UpdateService's checks of the strategy against the load balancers: a
 * strategy other than ROLLING needs a load balancer with `advancedConfiguration`, and each
 * `advancedConfiguration` names an alternate target group unlike the primary one and listener
 * rules that exist.
 */
export function checkStrategyLoadBalancers(
  state: EcsState,
  config: NormalisedDeploymentConfiguration,
  loadBalancers: readonly LoadBalancer[],
): void {
  const strategy = config.strategy;
  if (
    isTrafficStrategy(strategy) &&
    !loadBalancers.some((entry) => entry.advancedConfiguration !== undefined)
  ) {
    throw invalid(
      `The ${strategy} deployment strategy requires a load balancer with an advancedConfiguration (alternateTargetGroupArn, productionListenerRule and roleArn).`,
    );
  }
  for (const entry of loadBalancers) checkAdvancedConfiguration(state, entry);
}

function checkAdvancedConfiguration(state: EcsState, entry: LoadBalancer): void {
  const advanced = entry.advancedConfiguration;
  if (advanced === undefined) return;
  const alternate = advanced.alternateTargetGroupArn;
  if (alternate === undefined || alternate === '') {
    throw invalid('advancedConfiguration.alternateTargetGroupArn must be specified.');
  }
  if (alternate === entry.targetGroupArn) {
    throw invalid(
      'The alternateTargetGroupArn in advancedConfiguration must be different from the targetGroupArn.',
    );
  }
  const primaryGroup = targetGroups.get(state, entry.targetGroupArn ?? '');
  const alternateGroup = targetGroups.get(state, alternate);
  if (!alternateGroup) {
    throw invalid(`Unable to find the target group with targetGroupArn ${alternate}.`);
  }
  if (primaryGroup && primaryGroup.targetType !== alternateGroup.targetType) {
    throw invalid(
      `The target groups ${primaryGroup.targetGroupArn} and ${alternate} must have the same target type.`,
    );
  }
  const role = advanced.roleArn;
  if (role === undefined || !roleArnPattern.test(role)) {
    throw invalid(
      `advancedConfiguration.roleArn must be the ARN of an IAM role that allows Amazon ECS to manage the load balancer; got ${role ?? 'null'}.`,
    );
  }
  const production = requiredListener(
    state,
    advanced.productionListenerRule,
    'productionListenerRule',
  );
  const pair = [entry.targetGroupArn, alternate];
  if (!production.forward.some((f) => pair.includes(f.targetGroupArn))) {
    throw invalid(
      `The productionListenerRule ${advanced.productionListenerRule} does not forward to the target group ${entry.targetGroupArn} or ${alternate}.`,
    );
  }
  for (const arn of pair) {
    const elsewhere = loadBalancerArnsOf(state, arn ?? '').filter(
      (lb) => lb !== production.loadBalancerArn,
    );
    if (elsewhere.length > 0) {
      throw invalid(
        `The target group ${arn} is associated with another load balancer than the productionListenerRule's.`,
      );
    }
  }
  if (advanced.testListenerRule === undefined) return;
  const test = requiredListener(state, advanced.testListenerRule, 'testListenerRule');
  if (test.loadBalancerArn !== production.loadBalancerArn) {
    throw invalid(
      'The testListenerRule and the productionListenerRule must belong to the same load balancer.',
    );
  }
  if (test.listenerArn === production.listenerArn) {
    throw invalid('The testListenerRule must be different from the productionListenerRule.');
  }
}

function requiredListener(
  state: EcsState,
  ruleArn: string | undefined,
  member: 'productionListenerRule' | 'testListenerRule',
): ListenerRecord {
  if (ruleArn === undefined || ruleArn === '') {
    throw invalid(`advancedConfiguration.${member} must be specified.`);
  }
  const listener = listenerOfRule(state, ruleArn);
  if (!listener) throw invalid(`Unable to find the listener rule ${ruleArn}.`);
  return listener;
}

type Forward = ListenerRecord['forward'];

/** A forward action the strategy set on one of its listeners. */
export interface ListenerForwardSet {
  listenerArn: string;
  forward: Forward;
}

/** Whether two forward actions send traffic alike: the same groups, the same weights. */
export function sameForward(a: Forward, b: Forward): boolean {
  const key = (forward: Forward) =>
    forward
      .map((f) => `${f.weight} ${f.targetGroupArn}`)
      .sort()
      .join('\n');
  return key(a) === key(b);
}

/**
 * Whether the strategy writes `wanted` to a listener that holds `held`: only when its plan
 * moved since it last set the listener (`lastSet`: a step, a rollback, a listener it never
 * set), and the listener does not already forward so. In between, a ModifyListener stands.
 */
export function forwardToWrite(
  held: Forward,
  wanted: Forward,
  lastSet: Forward | undefined,
): boolean {
  if (lastSet !== undefined && sameForward(lastSet, wanted)) return false;
  return !sameForward(held, wanted);
}

/**
 * What a service's traffic plan does to its production and test listeners this pass: the
 * listeners it writes and the forward actions it now stands by. A ROLLING service (not
 * shifting traffic) has none: its listeners are the user's to set. A listener is written
 * only when the plan moves (`forwardToWrite`), so no pass rewrites what did not change.
 */
export function strategyListenerChanges(
  state: EcsState,
  service: ServiceRecord,
  records: readonly ServiceDeploymentRecord[],
): { changes: EcsChange[]; forwardsSet: ListenerForwardSet[] } {
  const managed =
    isTrafficStrategy(service.deploymentConfiguration.strategy) ||
    shiftingPrimary(records) !== undefined;
  const plan = managed ? trafficPlan(records) : undefined;
  if (!plan) return { changes: [], forwardsSet: [] };
  const wanted: { listener: ListenerRecord; forward: Forward }[] = [];
  for (const entry of service.loadBalancers) {
    const advanced = entry.advancedConfiguration;
    const primaryArn = entry.targetGroupArn;
    const alternateArn = advanced?.alternateTargetGroupArn;
    if (!advanced || primaryArn === undefined || alternateArn === undefined) continue;
    const blue = plan.blueOnAlternate ? alternateArn : primaryArn;
    const green = plan.blueOnAlternate ? primaryArn : alternateArn;
    const weights = productionWeights(plan.greenTenths);
    const weightOf = (arn: string) => (arn === blue ? weights.blue : weights.green);
    const production = listenerOfRule(state, advanced.productionListenerRule ?? '');
    if (production) {
      wanted.push({
        listener: production,
        forward: [primaryArn, alternateArn].map((arn) => ({
          targetGroupArn: arn,
          weight: weightOf(arn),
        })),
      });
    }
    const test = listenerOfRule(state, advanced.testListenerRule ?? '');
    if (test && test.listenerArn !== production?.listenerArn) {
      const to = plan.testOnGreen ? green : blue;
      wanted.push({ listener: test, forward: [{ targetGroupArn: to, weight: 1 }] });
    }
  }
  const lastSet = new Map(
    (service.listenerForwardsSet ?? []).map((set) => [set.listenerArn, set.forward]),
  );
  return {
    changes: wanted
      .filter(({ listener, forward }) =>
        forwardToWrite(listener.forward, forward, lastSet.get(listener.listenerArn)),
      )
      .map(({ listener, forward }) => listeners.put({ ...listener, forward })),
    forwardsSet: wanted.map(({ listener, forward }) => ({
      listenerArn: listener.listenerArn,
      forward,
    })),
  };
}
