import type {
  DescribeTargetHealthOutput,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Outcome, PlaneContext } from '../core/context';
import type { TargetHealthReason, TargetHealthState } from '../core/load-balancer-port';
import type { Params } from '../core/params';
import type { EcsState } from '../core/state';
import { asElb, elbError } from '../elb/common';
import { findTargetGroup } from './operations';
import {
  loadBalancerArnsOf,
  registeredTargets,
  targetsOf,
  type TargetGroupRecord,
  type TargetRecord,
} from './records';

/** ELB's descriptions of its reason codes. */
const reasonDescriptions: Record<TargetHealthReason, string> = {
  'Elb.RegistrationInProgress': 'Target registration is in progress',
  'Elb.InitialHealthChecking': 'Initial health checks in progress',
  'Target.ResponseCodeMismatch': 'Health checks failed with these codes: [mismatch]',
  'Target.Timeout': 'Request timed out',
  'Target.FailedHealthChecks': 'Health checks failed',
  'Target.NotRegistered': 'Target is not registered to the target group',
  'Target.NotInUse': 'Target group is not configured to receive traffic from the load balancer',
  'Target.DeregistrationInProgress': 'Target deregistration is in progress',
  'Target.InvalidState': 'Target is in the stopped state',
  'Target.IpUnusable': 'The target IP address is reserved for use by a load balancer',
  'Target.HealthCheckDisabled': 'Health checks are disabled',
  'Elb.InternalError': 'Health checks failed due to an internal error',
};

export const describeReason = (reason: TargetHealthReason) => reasonDescriptions[reason];

interface TargetInput {
  id: string;
  port: number;
  availabilityZone?: string;
}

function targetsIn(group: TargetGroupRecord, input: Params): TargetInput[] {
  const list = input.requiredList('Targets');
  if (list.length === 0)
    throw elbError('ValidationError', 'Targets must contain at least one target');
  return (input.objectList('Targets') ?? []).map((target) => {
    const id = target.requiredString('Id');
    const port = target.integer('Port', { min: 1, max: 65535 }) ?? group.port;
    const zone = target.string('AvailabilityZone');
    return { id, port, ...(zone !== undefined && { availabilityZone: zone }) };
  });
}

const sameTarget = (a: { id: string; port: number }, b: { id: string; port: number }) =>
  a.id === b.id && a.port === b.port;

/** An IPv4 address for `ip` targets; an instance id of the state's instances for `instance`. */
function checkTarget(state: EcsState, group: TargetGroupRecord, target: TargetInput): void {
  if (group.targetType === 'ip') {
    const octets = target.id.split('.');
    const isIp =
      octets.length === 4 && octets.every((o) => /^[0-9]{1,3}$/.test(o) && Number(o) <= 255);
    if (!isIp) {
      throw elbError(
        'ValidationError',
        `The IP address '${target.id}' is not a valid IPv4 address`,
      );
    }
    return;
  }
  const known = Object.values(state.containerInstances).some(
    (instance) => instance.ec2InstanceId === target.id && instance.status !== 'INACTIVE',
  );
  if (!known) {
    throw elbError(
      'InvalidTarget',
      `The following targets are not valid instances: '${target.id}'`,
    );
  }
}

/** Targets registered (or registered again while draining) start as `initial`. */
export function withRegistered(
  ctx: PlaneContext,
  current: readonly TargetRecord[],
  added: readonly (TargetInput & Pick<TargetRecord, 'taskArn' | 'containerName' | 'serviceArn'>)[],
): TargetRecord[] {
  const targets = [...current];
  for (const target of added) {
    const index = targets.findIndex((t) => sameTarget(t, target));
    if (index >= 0 && targets[index]!.state !== 'draining') continue;
    const record: TargetRecord = {
      ...target,
      state: 'initial',
      reason: 'Elb.RegistrationInProgress',
      registeredAt: ctx.now,
    };
    if (index >= 0) targets[index] = record;
    else targets.push(record);
  }
  return targets;
}

/** Targets deregistered drain for the group's deregistration delay (gone at once if it is 0). */
export function withDeregistered(
  ctx: PlaneContext,
  group: TargetGroupRecord,
  current: readonly TargetRecord[],
  removed: readonly { id: string; port: number }[],
): TargetRecord[] {
  const delayMs = group.deregistrationDelaySeconds * 1000;
  return current.flatMap((target): TargetRecord[] => {
    if (!removed.some((r) => sameTarget(r, target)) || target.state === 'draining') return [target];
    if (delayMs === 0) return [];
    return [
      {
        ...target,
        state: 'draining',
        reason: 'Target.DeregistrationInProgress',
        drainUntil: ctx.now + delayMs,
      },
    ];
  });
}

export const registerTargets = asElb((ctx, input): Outcome<object> => {
  const group = findTargetGroup(ctx, input.requiredString('TargetGroupArn'));
  const targets = targetsIn(group, input);
  for (const target of targets) checkTarget(ctx.state, group, target);
  const next = withRegistered(ctx, targetsOf(ctx.state, group.targetGroupArn), targets);
  return {
    result: {},
    changes: [registeredTargets.put({ targetGroupArn: group.targetGroupArn, targets: next })],
  };
});

export const deregisterTargets = asElb((ctx, input): Outcome<object> => {
  const group = findTargetGroup(ctx, input.requiredString('TargetGroupArn'));
  const targets = targetsIn(group, input);
  const current = targetsOf(ctx.state, group.targetGroupArn);
  const missing = targets.filter((target) => !current.some((t) => sameTarget(t, target)));
  if (missing.length > 0) {
    throw elbError(
      'InvalidTarget',
      `The following targets are not registered in target group '${group.name}': ${missing.map((t) => `'${t.id}:${t.port}'`).join(', ')}`,
    );
  }
  const next = withDeregistered(ctx, group, current, targets);
  return {
    result: {},
    changes: [registeredTargets.put({ targetGroupArn: group.targetGroupArn, targets: next })],
  };
});

/** A target's state as ELB answers it: `unused` while no listener forwards to its group. */
export function effectiveHealth(
  state: EcsState,
  group: TargetGroupRecord,
  target: TargetRecord,
): { state: TargetHealthState; reason?: TargetHealthReason } {
  if (target.state !== 'draining' && loadBalancerArnsOf(state, group.targetGroupArn).length === 0) {
    return { state: 'unused', reason: 'Target.NotInUse' };
  }
  return { state: target.state, ...(target.reason && { reason: target.reason }) };
}

export function healthDescription(
  state: EcsState,
  group: TargetGroupRecord,
  target: TargetRecord,
): TargetHealthDescription {
  const health = effectiveHealth(state, group, target);
  return {
    Target: {
      Id: target.id,
      Port: target.port,
      ...(target.availabilityZone !== undefined && { AvailabilityZone: target.availabilityZone }),
    },
    HealthCheckPort: String(
      group.healthCheck.port === 'traffic-port' ? target.port : group.healthCheck.port,
    ),
    TargetHealth: {
      State: health.state,
      ...(health.reason && { Reason: health.reason, Description: describeReason(health.reason) }),
    },
  };
}

export const describeTargetHealth = asElb((ctx, input): DescribeTargetHealthOutput => {
  const group = findTargetGroup(ctx, input.requiredString('TargetGroupArn'));
  const registered = targetsOf(ctx.state, group.targetGroupArn);
  if (!input.has('Targets')) {
    return {
      TargetHealthDescriptions: registered.map((t) => healthDescription(ctx.state, group, t)),
    };
  }
  const asked = (input.objectList('Targets') ?? []).map((target) => ({
    id: target.requiredString('Id'),
    port: target.integer('Port', { min: 1, max: 65535 }),
  }));
  return {
    TargetHealthDescriptions: asked.flatMap((target): TargetHealthDescription[] => {
      const matches = registered.filter(
        (t) => t.id === target.id && (target.port === undefined || t.port === target.port),
      );
      if (matches.length > 0) return matches.map((t) => healthDescription(ctx.state, group, t));
      return [
        {
          Target: { Id: target.id, Port: target.port ?? group.port },
          TargetHealth: {
            State: 'unused',
            Reason: 'Target.NotRegistered',
            Description: describeReason('Target.NotRegistered'),
          },
        },
      ];
    }),
  };
});
