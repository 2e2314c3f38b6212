import type { Action, Listener } from '@aws-sdk/client-elastic-load-balancing-v2';
import { defineCollection } from '../core/collections';

export interface ListenerRecord {
  listenerArn: string;
  loadBalancerArn: string;
  protocol: 'HTTP';
  port: number;
  /** The default action: forward, to one target group or weighted over several. */
  forward: { targetGroupArn: string; weight: number }[];
  stickiness?: { enabled: boolean; durationSeconds?: number };
  tags: { Key: string; Value?: string }[];
}

export const listeners = defineCollection<ListenerRecord>(
  'listeners',
  (record) => record.listenerArn,
);

/** The default action as ELB answers it. */
export function defaultActionOf(record: ListenerRecord): Action {
  const single = record.forward.length === 1 ? record.forward[0] : undefined;
  return {
    Type: 'forward',
    ...(single && { TargetGroupArn: single.targetGroupArn }),
    Order: 1,
    ForwardConfig: {
      TargetGroups: record.forward.map((f) => ({
        TargetGroupArn: f.targetGroupArn,
        Weight: f.weight,
      })),
      TargetGroupStickinessConfig: {
        Enabled: record.stickiness?.enabled ?? false,
        ...(record.stickiness?.durationSeconds !== undefined && {
          DurationSeconds: record.stickiness.durationSeconds,
        }),
      },
    },
  };
}

/** As DescribeListeners answers it. */
export function listenerView(record: ListenerRecord): Listener {
  return {
    ListenerArn: record.listenerArn,
    LoadBalancerArn: record.loadBalancerArn,
    Port: record.port,
    Protocol: record.protocol,
    DefaultActions: [defaultActionOf(record)],
  };
}
