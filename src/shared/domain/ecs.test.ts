import { describe, expect, it } from 'vitest';
import { defaultListenerRuleArn } from './ecs';

describe('defaultListenerRuleArn', () => {
  it('names the rule under the listener, with the listener id as its own', () => {
    expect(
      defaultListenerRuleArn(
        'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/web/0123456789abcdef/fedcba9876543210',
      ),
    ).toBe(
      'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/web/0123456789abcdef/fedcba9876543210/fedcba9876543210',
    );
  });
});
