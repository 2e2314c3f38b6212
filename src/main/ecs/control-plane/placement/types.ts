import type { PlacementConstraint, PlacementStrategy } from '@aws-sdk/client-ecs';

/** A container instance as placement sees it: the caller's snapshot, never mutated here. */
export interface PlacementInstance {
  arn: string;
  ec2InstanceId: string;
  status: string;
  agentConnected: boolean;
  /** Epoch milliseconds. */
  registeredAt: number;
  attributes: Record<string, string>;
  remaining: {
    cpu: number;
    memory: number;
    /** Host ports in use or reserved. */
    tcpPorts: number[];
    udpPorts: number[];
  };
  /** The tasks that count as running on the instance (for groups, spread and counts). */
  tasks: { group: string; taskDefinitionFamily: string; serviceName?: string }[];
  /**
   * Optional: the number of `tasks` per group, kept by the caller as tasks come and go. When
   * given, placement reads it instead of counting `tasks`, so a call costs O(instances) rather
   * than O(tasks). It must agree with `tasks`.
   */
  taskCountByGroup?: ReadonlyMap<string, number>;
  /** For the query language's `agentVersion` subject, e.g. `1.51.0`. */
  agentVersion?: string;
}

export interface PlacementRequest {
  cpu: number;
  memory: number;
  /** hostPort 0 means dynamic: Docker picks one, so it needs nothing free. */
  hostPorts: { port: number; protocol: 'tcp' | 'udp' }[];
  /** `family:<family>` for RunTask, `service:<name>` for service tasks. */
  group: string;
  taskDefinitionFamily: string;
  constraints: PlacementConstraint[];
  /** Empty means RunTask's default, random. Services pass {@link serviceDefaultStrategy}. */
  strategy: PlacementStrategy[];
  count: number;
}

export type Shortfall = 'CPU' | 'MEMORY' | 'PORTS' | 'AGENT' | 'ATTRIBUTE';

export interface PlacementResult {
  /** The instance arn of each placed task, in order. */
  placements: string[];
  /** One per task that could not be placed, with the closest candidate's reason. */
  failures: { arn: string; reason: string }[];
  /** The candidate that came nearest, for service events. */
  closest?: { arn: string; shortfall: Shortfall };
  /**
   * True when no instance is ACTIVE, so there is no candidate to name: `failures` is then
   * empty and the caller answers as ECS does ("No Container Instances were found in your
   * cluster.").
   */
  noActiveInstances?: boolean;
}
