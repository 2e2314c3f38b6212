import type { FuzzMembers } from '../core/resource-module';

/** Fuzz members the ELBv2 operations share. */
export const elbTagMembers = { list: { Key: 'text', Value: 'text' } } as const;
export const elbPageMembers = { Marker: 'text', PageSize: 'int' } as const;
export const targetMembers = {
  list: { Id: 'ref', Port: 'int', AvailabilityZone: 'text' },
} as const;
export const defaultActionMembers = {
  list: {
    Type: 'text',
    TargetGroupArn: 'ref',
    Order: 'int',
    ForwardConfig: {
      object: {
        TargetGroups: { list: { TargetGroupArn: 'ref', Weight: 'int' } },
        TargetGroupStickinessConfig: { object: { Enabled: 'bool', DurationSeconds: 'int' } },
      },
    },
  },
} as const satisfies FuzzMembers[string];
