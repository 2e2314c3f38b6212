import type { PlacementInstance, PlacementRequest } from './types';

/** The ports an ECS-optimised instance registers as reserved. */
export const reservedPorts = [22, 2375, 2376, 51678, 51679];

/** An m5.large-like ACTIVE instance with a connected agent, in us-east-1a unless told. */
export function instance(
  id: string,
  overrides: Partial<Omit<PlacementInstance, 'remaining'>> & {
    remaining?: Partial<PlacementInstance['remaining']>;
    zone?: string;
  } = {},
): PlacementInstance {
  const { remaining, zone = 'us-east-1a', attributes, ...rest } = overrides;
  return {
    arn: `arn:aws:ecs:us-east-1:000000000000:container-instance/test/${id}`,
    ec2InstanceId: `i-${id}`,
    status: 'ACTIVE',
    agentConnected: true,
    registeredAt: Date.parse('2026-01-01T00:00:00Z'),
    attributes: {
      'ecs.availability-zone': zone,
      'ecs.instance-type': 'm5.large',
      'ecs.os-type': 'linux',
      ...attributes,
    },
    remaining: {
      cpu: 2048,
      memory: 7680,
      tcpPorts: [...reservedPorts],
      udpPorts: [],
      ...remaining,
    },
    tasks: [],
    ...rest,
  };
}

export function request(overrides: Partial<PlacementRequest> = {}): PlacementRequest {
  return {
    cpu: 256,
    memory: 512,
    hostPorts: [],
    group: 'family:web',
    taskDefinitionFamily: 'web',
    constraints: [],
    strategy: [],
    count: 1,
    ...overrides,
  };
}

/** Tasks of a group, to put on an instance. */
export function tasksOf(group: string, count: number): PlacementInstance['tasks'] {
  return Array.from({ length: count }, () => ({
    group,
    taskDefinitionFamily: group.replace(/^\w+:/, ''),
  }));
}

/** A repeatable sequence in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

export const idOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);
