/**
 * DescribeRules: each listener here has one rule, its default, which forwards as the
 * listener's default action does. Its ARN is `defaultListenerRuleArn(listenerArn)`, the name
 * BLUE_GREEN, LINEAR and CANARY deployments take for a production or test listener rule.
 */
import type { DescribeRulesOutput, Rule } from '@aws-sdk/client-elastic-load-balancing-v2';
import { defaultListenerRuleArn } from '../../../../shared/domain/ecs';
import { asElb, elbError, pageOf } from '../elb/common';
import { defaultActionOf, listeners, type ListenerRecord } from '../listeners/records';

function defaultRuleOf(listener: ListenerRecord): Rule {
  return {
    RuleArn: defaultListenerRuleArn(listener.listenerArn),
    Priority: 'default',
    Conditions: [],
    Actions: [defaultActionOf(listener)],
    IsDefault: true,
  };
}

export const describeRules = asElb((ctx, input): DescribeRulesOutput => {
  const listenerArn = input.string('ListenerArn');
  const ruleArns = input.stringList('RuleArns');
  if ((listenerArn === undefined) === (ruleArns === undefined)) {
    throw elbError('ValidationError', 'You must specify either listener ARN or rule ARNs');
  }
  let rules: Rule[];
  if (listenerArn !== undefined) {
    const listener = listeners.get(ctx.state, listenerArn);
    if (!listener) throw elbError('ListenerNotFound', 'One or more listeners not found');
    rules = [defaultRuleOf(listener)];
  } else {
    const byRule = new Map(
      listeners
        .all(ctx.state)
        .map((listener) => [defaultListenerRuleArn(listener.listenerArn), listener]),
    );
    rules = (ruleArns ?? []).map((arn) => {
      const listener = byRule.get(arn);
      if (!listener) throw elbError('RuleNotFound', 'One or more rules not found');
      return defaultRuleOf(listener);
    });
  }
  const { page, NextMarker } = pageOf(rules, input);
  return { Rules: page, ...(NextMarker && { NextMarker }) };
});
