import type { TargetGroup } from '@aws-sdk/client-elastic-load-balancing-v2';
import { defineCollection } from '../core/collections';
import type {
  PlannedHealthCheck,
  TargetHealthReason,
  TargetHealthState,
} from '../core/load-balancer-port';
import type { EcsState } from '../core/state';
import { listeners } from '../listeners/records';

export interface TargetGroupRecord {
  targetGroupArn: string;
  name: string;
  protocol: 'HTTP';
  port: number;
  vpcId: string;
  targetType: 'ip' | 'instance';
  healthCheck: PlannedHealthCheck;
  deregistrationDelaySeconds: number;
  /** Attributes set by ModifyTargetGroupAttributes, other than the deregistration delay. */
  attributes?: Record<string, string>;
  tags: { Key: string; Value?: string }[];
  createdAt: number;
}

/** A registered target and its health as the control plane knows it. */
export interface TargetRecord {
  id: string;
  port: number;
  availabilityZone?: string;
  /** `unused` is not kept: it is derived from whether a listener forwards to the group. */
  state: Exclude<TargetHealthState, 'unused'>;
  reason?: TargetHealthReason;
  registeredAt: number;
  /** Epoch ms at which a draining target is gone. */
  drainUntil?: number;
  /** The task, its container and the service that registered it, when a service did. */
  taskArn?: string;
  containerName?: string;
  serviceArn?: string;
}

export interface TargetsRecord {
  targetGroupArn: string;
  targets: TargetRecord[];
}

export const targetGroups = defineCollection<TargetGroupRecord>(
  'targetGroups',
  (record) => record.targetGroupArn,
);
export const registeredTargets = defineCollection<TargetsRecord>(
  'targetGroupTargets',
  (record) => record.targetGroupArn,
);

export const targetsOf = (state: EcsState, targetGroupArn: string): readonly TargetRecord[] =>
  registeredTargets.get(state, targetGroupArn)?.targets ?? [];

/** The load balancers whose listeners forward to the group. */
export function loadBalancerArnsOf(state: EcsState, targetGroupArn: string): string[] {
  const arns = new Set<string>();
  for (const listener of listeners.all(state)) {
    if (listener.forward.some((f) => f.targetGroupArn === targetGroupArn)) {
      arns.add(listener.loadBalancerArn);
    }
  }
  return [...arns];
}

/** As DescribeTargetGroups answers it. */
export function targetGroupView(state: EcsState, record: TargetGroupRecord): TargetGroup {
  const check = record.healthCheck;
  return {
    TargetGroupArn: record.targetGroupArn,
    TargetGroupName: record.name,
    Protocol: record.protocol,
    ProtocolVersion: 'HTTP1',
    Port: record.port,
    VpcId: record.vpcId,
    HealthCheckProtocol: check.protocol,
    HealthCheckPort: String(check.port),
    HealthCheckEnabled: check.enabled,
    HealthCheckIntervalSeconds: check.intervalSeconds,
    HealthCheckTimeoutSeconds: check.timeoutSeconds,
    HealthyThresholdCount: check.healthyThresholdCount,
    UnhealthyThresholdCount: check.unhealthyThresholdCount,
    HealthCheckPath: check.path,
    Matcher: { HttpCode: check.matcher },
    LoadBalancerArns: loadBalancerArnsOf(state, record.targetGroupArn),
    TargetType: record.targetType,
    IpAddressType: 'ipv4',
  };
}

/**
 * The tasks that still have a target registered (draining ones included), for a task to wait
 * in DEACTIVATING until its targets have drained. Kept per state, which takes a new identity
 * with every batch of changes.
 */
export function tasksWithTargets(state: EcsState): ReadonlySet<string> {
  const kept = withTargetsOf.get(state);
  if (kept) return kept;
  const arns = new Set<string>();
  for (const record of registeredTargets.all(state)) {
    for (const target of record.targets) if (target.taskArn !== undefined) arns.add(target.taskArn);
  }
  withTargetsOf.set(state, arns);
  return arns;
}

const withTargetsOf = new WeakMap<EcsState, ReadonlySet<string>>();
