import type {
  CreateTargetGroupOutput,
  DescribeTargetGroupsOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Outcome, PlaneContext } from '../core/context';
import type { PlannedHealthCheck } from '../core/load-balancer-port';
import type { Params } from '../core/params';
import {
  asElb,
  checkElbName,
  defaultVpcId,
  elbArns,
  elbError,
  pageOf,
  tagsOf,
} from '../elb/common';
import { findLoadBalancer } from '../load-balancers/operations';
import {
  loadBalancerArnsOf,
  registeredTargets,
  targetGroups,
  targetGroupView,
  type TargetGroupRecord,
} from './records';

/** ELB's default deregistration delay (`deregistration_delay.timeout_seconds`). */
export const defaultDeregistrationDelaySeconds = 300;

export const createTargetGroup = asElb((ctx, input): Outcome<CreateTargetGroupOutput> => {
  const name = input.requiredString('Name');
  checkElbName(name, 'Target group');
  const targetType = input.oneOf('TargetType', ['instance', 'ip', 'lambda', 'alb']) ?? 'instance';
  if (targetType !== 'instance' && targetType !== 'ip') {
    throw elbError(
      'ValidationError',
      `Target type '${targetType}' is not served here: use ip or instance.`,
    );
  }
  const protocol = input.string('Protocol');
  if (protocol === undefined) throw elbError('ValidationError', 'A protocol must be specified');
  if (protocol !== 'HTTP') {
    throw elbError(
      'UnsupportedProtocol',
      `Protocol '${protocol}' is not supported: target groups here speak HTTP.`,
    );
  }
  const port = input.integer('Port', { min: 1, max: 65535 });
  if (port === undefined) throw elbError('ValidationError', 'A port must be specified');
  const healthCheck = healthCheckOf(input);
  const record: TargetGroupRecord = {
    targetGroupArn: elbArns.targetGroup(ctx, name),
    name,
    protocol,
    port,
    vpcId: input.string('VpcId') ?? defaultVpcId,
    targetType,
    healthCheck,
    deregistrationDelaySeconds: defaultDeregistrationDelaySeconds,
    tags: tagsOf(input),
    createdAt: ctx.now,
  };
  const existing = targetGroups.all(ctx.state).find((group) => group.name === name);
  if (existing) {
    const same =
      existing.port === port &&
      existing.targetType === targetType &&
      JSON.stringify(existing.healthCheck) === JSON.stringify(healthCheck);
    if (!same) {
      throw elbError(
        'DuplicateTargetGroupName',
        'A target group with the same name exists, but with different settings',
      );
    }
    return { result: { TargetGroups: [targetGroupView(ctx.state, existing)] }, changes: [] };
  }
  return {
    result: { TargetGroups: [targetGroupView(ctx.state, record)] },
    changes: [
      targetGroups.put(record),
      registeredTargets.put({ targetGroupArn: record.targetGroupArn, targets: [] }),
    ],
  };
});

function healthCheckOf(input: Params): PlannedHealthCheck {
  const protocol = input.string('HealthCheckProtocol') ?? 'HTTP';
  if (protocol !== 'HTTP') {
    throw elbError(
      'ValidationError',
      `Health check protocol '${protocol}' is not supported: use HTTP.`,
    );
  }
  const portText = input.string('HealthCheckPort') ?? 'traffic-port';
  let port: PlannedHealthCheck['port'] = 'traffic-port';
  if (portText !== 'traffic-port') {
    if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      throw elbError(
        'ValidationError',
        `Health check port '${portText}' must be 'traffic-port' or a port from 1 to 65535`,
      );
    }
    port = Number(portText);
  }
  const path = input.string('HealthCheckPath') ?? '/';
  if (!path.startsWith('/') || path.length > 1024) {
    throw elbError(
      'ValidationError',
      "Health check path must begin with a '/' character, and can be at most 1024 characters in length",
    );
  }
  const intervalSeconds = input.integer('HealthCheckIntervalSeconds', { min: 5, max: 300 }) ?? 30;
  const timeoutSeconds = input.integer('HealthCheckTimeoutSeconds', { min: 2, max: 120 }) ?? 5;
  if (timeoutSeconds >= intervalSeconds) {
    throw elbError(
      'ValidationError',
      `Health check timeout '${timeoutSeconds}' must be smaller than the interval '${intervalSeconds}'`,
    );
  }
  const matcher = input.object('Matcher')?.string('HttpCode') ?? '200';
  checkMatcher(matcher);
  return {
    enabled: input.boolean('HealthCheckEnabled') ?? true,
    protocol: 'HTTP',
    port,
    path,
    intervalSeconds,
    timeoutSeconds,
    healthyThresholdCount: input.integer('HealthyThresholdCount', { min: 2, max: 10 }) ?? 5,
    unhealthyThresholdCount: input.integer('UnhealthyThresholdCount', { min: 2, max: 10 }) ?? 2,
    matcher,
  };
}

/** `200`, `200,202` or `200-299`, codes from 200 to 499. */
function checkMatcher(matcher: string): void {
  const parts = matcher.split(',');
  const valid =
    parts.length <= 32 &&
    parts.every((part) => {
      const range = /^([0-9]{3})(?:-([0-9]{3}))?$/.exec(part);
      if (!range) return false;
      const low = Number(range[1]);
      const high = range[2] === undefined ? low : Number(range[2]);
      return low >= 200 && high <= 499 && low <= high;
    });
  if (!valid) {
    throw elbError(
      'ValidationError',
      `Health check matcher HTTP code '${matcher}' must be within '200-499' code range`,
    );
  }
}

export const describeTargetGroups = asElb((ctx, input): DescribeTargetGroupsOutput => {
  const arns = input.stringList('TargetGroupArns');
  const names = input.stringList('Names');
  const loadBalancerArn = input.string('LoadBalancerArn');
  if ([arns, names, loadBalancerArn].filter((given) => given !== undefined).length > 1) {
    throw elbError(
      'ValidationError',
      'Target group names, target group ARNs and a load balancer ARN cannot be specified at the same time',
    );
  }
  const all = targetGroups.all(ctx.state);
  let chosen = all;
  if (arns) chosen = arns.map((arn) => findTargetGroup(ctx, arn));
  else if (names) {
    const missing = names.filter((name) => !all.some((group) => group.name === name));
    if (missing.length > 0) {
      throw elbError('TargetGroupNotFound', `Target groups '[${missing.join(', ')}]' not found`);
    }
    chosen = all.filter((group) => names.includes(group.name));
  } else if (loadBalancerArn !== undefined) {
    findLoadBalancer(ctx, loadBalancerArn);
    chosen = all.filter((group) =>
      loadBalancerArnsOf(ctx.state, group.targetGroupArn).includes(loadBalancerArn),
    );
  }
  const { page, NextMarker } = pageOf(chosen, input);
  return {
    TargetGroups: page.map((group) => targetGroupView(ctx.state, group)),
    ...(NextMarker && { NextMarker }),
  };
});

/** Refused while a listener forwards to it, as ELB refuses it. */
export const deleteTargetGroup = asElb((ctx, input): Outcome<object> => {
  const arn = input.requiredString('TargetGroupArn');
  const group = findTargetGroup(ctx, arn);
  if (loadBalancerArnsOf(ctx.state, arn).length > 0) {
    throw elbError(
      'ResourceInUse',
      `Target group '${arn}' is currently in use by a listener or a rule`,
    );
  }
  return {
    result: {},
    changes: [
      targetGroups.delete(group.targetGroupArn),
      registeredTargets.delete(group.targetGroupArn),
    ],
  };
});

export function findTargetGroup(ctx: PlaneContext, arn: string): TargetGroupRecord {
  const group = targetGroups.get(ctx.state, arn);
  if (!group) throw elbError('TargetGroupNotFound', 'One or more target groups not found');
  return group;
}
