import type {
  CreateListenerOutput,
  DescribeListenersOutput,
  ModifyListenerOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { omit, type Outcome, type PlaneContext } from '../core/context';
import type { Params } from '../core/params';
import { asElb, elbArns, elbError, pageOf, tagsOf } from '../elb/common';
import { findLoadBalancer } from '../load-balancers/operations';
import { findTargetGroup } from '../target-groups/operations';
import { loadBalancerArnsOf } from '../target-groups/records';
import { listeners, listenerView, type ListenerRecord } from './records';

const maxWeightedGroups = 5;

export const createListener = asElb((ctx, input): Outcome<CreateListenerOutput> => {
  const loadBalancer = findLoadBalancer(ctx, input.requiredString('LoadBalancerArn'));
  const port = portOf(input, true)!;
  protocolOf(input);
  const action = defaultActionOf(ctx, input, loadBalancer.loadBalancerArn, true)!;
  checkPortFree(ctx, loadBalancer.loadBalancerArn, port);
  const record: ListenerRecord = {
    listenerArn: elbArns.listener(ctx, loadBalancer.loadBalancerArn),
    loadBalancerArn: loadBalancer.loadBalancerArn,
    protocol: 'HTTP',
    port,
    ...action,
    tags: tagsOf(input),
  };
  return { result: { Listeners: [listenerView(record)] }, changes: [listeners.put(record)] };
});

export const modifyListener = asElb((ctx, input): Outcome<ModifyListenerOutput> => {
  const current = findListener(ctx, input.requiredString('ListenerArn'));
  const port = portOf(input, false);
  protocolOf(input);
  const action = defaultActionOf(ctx, input, current.loadBalancerArn, false);
  if (port !== undefined && port !== current.port) {
    checkPortFree(ctx, current.loadBalancerArn, port);
  }
  const base = action ? omit(current, ['stickiness']) : current;
  const record: ListenerRecord = { ...base, ...(port !== undefined && { port }), ...action };
  return { result: { Listeners: [listenerView(record)] }, changes: [listeners.put(record)] };
});

export const describeListeners = asElb((ctx, input): DescribeListenersOutput => {
  const arns = input.stringList('ListenerArns');
  const loadBalancerArn = input.string('LoadBalancerArn');
  if ((arns === undefined) === (loadBalancerArn === undefined)) {
    throw elbError(
      'ValidationError',
      'You must specify either listener ARNs or a load balancer ARN',
    );
  }
  let chosen: ListenerRecord[];
  if (arns) chosen = arns.map((arn) => findListener(ctx, arn));
  else {
    const lb = findLoadBalancer(ctx, loadBalancerArn!);
    chosen = listeners.all(ctx.state).filter((l) => l.loadBalancerArn === lb.loadBalancerArn);
  }
  const { page, NextMarker } = pageOf(chosen, input);
  return { Listeners: page.map(listenerView), ...(NextMarker && { NextMarker }) };
});

export const deleteListener = asElb((ctx, input): Outcome<object> => {
  const listener = findListener(ctx, input.requiredString('ListenerArn'));
  return { result: {}, changes: [listeners.delete(listener.listenerArn)] };
});

function findListener(ctx: PlaneContext, arn: string): ListenerRecord {
  const listener = listeners.get(ctx.state, arn);
  if (!listener) throw elbError('ListenerNotFound', 'One or more listeners not found');
  return listener;
}

function portOf(input: Params, required: boolean): number | undefined {
  const port = input.integer('Port', { min: 1, max: 65535 });
  if (port === undefined && required)
    throw elbError('ValidationError', 'A listener port must be specified');
  return port;
}

function protocolOf(input: Params): void {
  const protocol = input.string('Protocol');
  if (protocol === undefined || protocol === 'HTTP') return;
  if (protocol === 'HTTPS') {
    throw elbError('ValidationError', 'A certificate must be specified for HTTPS listeners');
  }
  throw elbError('UnsupportedProtocol', `Protocol '${protocol}' is not supported`);
}

function checkPortFree(ctx: PlaneContext, loadBalancerArn: string, port: number): void {
  const taken = listeners
    .all(ctx.state)
    .some((l) => l.loadBalancerArn === loadBalancerArn && l.port === port);
  if (taken)
    throw elbError(
      'DuplicateListener',
      'A listener already exists on this port for this load balancer',
    );
}

type Forwarding = Pick<ListenerRecord, 'forward' | 'stickiness'>;

/**
 * `DefaultActions`: one forward action, to `TargetGroupArn` or over `ForwardConfig`'s
 * weighted target groups (both may be given if they agree). Each target group serves one
 * load balancer only, as ELB requires of application load balancers.
 */
function defaultActionOf(
  ctx: PlaneContext,
  input: Params,
  loadBalancerArn: string,
  required: boolean,
): Forwarding | undefined {
  const actions = input.objectList('DefaultActions');
  if (actions === undefined && !required) return undefined;
  if (!actions || actions.length === 0) {
    throw elbError('ValidationError', 'A default action must be specified');
  }
  if (actions.length > 1) {
    throw elbError('ValidationError', 'Only one default action, of type forward, is served here');
  }
  const action = actions[0]!;
  const type = action.requiredString('Type');
  if (type !== 'forward') {
    throw elbError(
      'ValidationError',
      `1 validation error detected: Value '${type}' at 'defaultActions.1.member.type' failed to satisfy constraint: Member must satisfy enum value set: [forward]`,
    );
  }
  const single = action.string('TargetGroupArn');
  const config = action.object('ForwardConfig');
  const weighted = (config?.objectList('TargetGroups') ?? []).map((group) => ({
    targetGroupArn: group.requiredString('TargetGroupArn'),
    weight: group.integer('Weight', { min: 0, max: 999 }) ?? 1,
  }));
  let forward = weighted;
  if (single !== undefined) {
    if (weighted.length > 1 || (weighted[0] && weighted[0].targetGroupArn !== single)) {
      throw elbError(
        'ValidationError',
        'You cannot specify both a target group ARN and a forward config with different target groups',
      );
    }
    forward = [{ targetGroupArn: single, weight: weighted[0]?.weight ?? 1 }];
  }
  if (forward.length === 0) {
    throw elbError('ValidationError', 'A target group ARN must be specified for a forward action');
  }
  if (forward.length > maxWeightedGroups) {
    throw elbError(
      'ValidationError',
      `A forward action can have at most ${maxWeightedGroups} target groups`,
    );
  }
  const arns = forward.map((f) => f.targetGroupArn);
  if (new Set(arns).size !== arns.length) {
    throw elbError(
      'ValidationError',
      'A target group can be specified only once in a forward action',
    );
  }
  for (const arn of arns) {
    const group = findTargetGroup(ctx, arn);
    const others = loadBalancerArnsOf(ctx.state, group.targetGroupArn).filter(
      (lb) => lb !== loadBalancerArn,
    );
    if (others.length > 0) {
      throw elbError(
        'TargetGroupAssociationLimit',
        `The following target groups cannot be associated with more than one load balancer: ${arn}`,
      );
    }
  }
  const stickiness = config?.object('TargetGroupStickinessConfig');
  const enabled = stickiness?.boolean('Enabled');
  const duration = stickiness?.integer('DurationSeconds', { min: 1, max: 604800 });
  return {
    forward,
    ...(enabled !== undefined && {
      stickiness: { enabled, ...(duration !== undefined && { durationSeconds: duration }) },
    }),
  };
}
