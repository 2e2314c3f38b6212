import type {
  DescribeTargetGroupAttributesOutput,
  ModifyTargetGroupAttributesOutput,
  TargetGroupAttribute,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Outcome } from '../core/context';
import { asElb, elbError } from '../elb/common';
import { findTargetGroup } from './operations';
import { targetGroups, type TargetGroupRecord } from './records';

/**
 * The attributes of an HTTP target group with `ip` or `instance` targets and their defaults.
 * Only the deregistration delay changes what the load balancer does here; the others are
 * kept and answered back.
 */
const defaults: Readonly<Record<string, string>> = {
  'deregistration_delay.timeout_seconds': '300',
  'stickiness.enabled': 'false',
  'stickiness.type': 'lb_cookie',
  'stickiness.lb_cookie.duration_seconds': '86400',
  'load_balancing.algorithm.type': 'round_robin',
  'slow_start.duration_seconds': '0',
};

const delayKey = 'deregistration_delay.timeout_seconds';

function attributesOf(group: TargetGroupRecord): TargetGroupAttribute[] {
  return Object.entries({
    ...defaults,
    ...group.attributes,
    [delayKey]: String(group.deregistrationDelaySeconds),
  }).map(([Key, Value]) => ({ Key, Value }));
}

export const describeTargetGroupAttributes = asElb(
  (ctx, input): DescribeTargetGroupAttributesOutput => ({
    Attributes: attributesOf(findTargetGroup(ctx, input.requiredString('TargetGroupArn'))),
  }),
);

export const modifyTargetGroupAttributes = asElb(
  (ctx, input): Outcome<ModifyTargetGroupAttributesOutput> => {
    const group = findTargetGroup(ctx, input.requiredString('TargetGroupArn'));
    const given = input.objectList('Attributes') ?? [];
    if (given.length === 0) {
      throw elbError('ValidationError', 'Attributes must contain at least one attribute');
    }
    const attributes = { ...group.attributes };
    let delay = group.deregistrationDelaySeconds;
    for (const attribute of given) {
      const key = attribute.requiredString('Key');
      const value = attribute.requiredString('Value');
      if (!Object.hasOwn(defaults, key)) {
        throw elbError('ValidationError', `Target group attribute key '${key}' is not recognized`);
      }
      if (key === delayKey) {
        if (!/^[0-9]{1,4}$/.test(value) || Number(value) > 3600) {
          throw elbError(
            'ValidationError',
            `'${value}' must be an integer from 0 to 3600 for '${delayKey}'`,
          );
        }
        delay = Number(value);
      } else attributes[key] = value.slice(0, 256);
    }
    const next: TargetGroupRecord = { ...group, attributes, deregistrationDelaySeconds: delay };
    return { result: { Attributes: attributesOf(next) }, changes: [targetGroups.put(next)] };
  },
);
