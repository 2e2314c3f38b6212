import type { ContainerDefinition, NetworkBinding } from '@aws-sdk/client-ecs';
import type { LoadBalancerEvent } from './load-balancer-port';
import type { AutoScalingMetricsEvent } from './metrics-port';

/** One container of a task as the runtime starts it: its definition with overrides applied. */
export interface RuntimeContainerSpec {
  name: string;
  /** The container's ARN in the task. */
  containerArn: string;
  definition: ContainerDefinition;
  essential: boolean;
  /** Port mappings with host ports resolved: 0 means the runtime picks one. */
  portMappings: { containerPort: number; hostPort: number; protocol: 'tcp' | 'udp' }[];
}

export interface RuntimeTaskSpec {
  taskArn: string;
  clusterArn: string;
  taskDefinitionArn: string;
  family: string;
  revision: number;
  networkMode: 'bridge' | 'host' | 'awsvpc' | 'none';
  /** The container instance the task runs on; absent on Fargate. */
  containerInstanceArn?: string;
  /** The task's own address (awsvpc). */
  privateIpv4Address?: string;
  /** The role the task's containers get credentials for (the override, else the definition's). */
  taskRoleArn?: string;
  /** The role the runtime itself uses for the task; never given to its containers. */
  executionRoleArn?: string;
  containers: RuntimeContainerSpec[];
}

/** What a runtime reports about a task's containers; `at` is epoch milliseconds. */
export type RuntimeEvent =
  | { kind: 'pull.started'; taskArn: string; at: number }
  | { kind: 'pull.finished'; taskArn: string; at: number }
  | {
      kind: 'container.running';
      taskArn: string;
      containerName: string;
      runtimeId: string;
      networkBindings: NetworkBinding[];
      at: number;
    }
  | {
      kind: 'container.exited';
      taskArn: string;
      containerName: string;
      exitCode: number;
      reason?: string;
      at: number;
    }
  | {
      /** The container never ran: the image could not be pulled, the create or start failed. */
      kind: 'container.failed';
      taskArn: string;
      containerName: string;
      reason: string;
      at: number;
    }
  | {
      /** A container with a health check changed health (Docker's health status, or the script's). */
      kind: 'container.health';
      taskArn: string;
      containerName: string;
      healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
      at: number;
    }
  | {
      /** An awsvpc task's real address on the cluster network, when it is not the one asked for. */
      kind: 'task.address';
      taskArn: string;
      privateIpv4Address: string;
      at: number;
    }
  | {
      /** Asked to stop a task it has no containers for (they are gone, or it never had them). */
      kind: 'task.gone';
      taskArn: string;
      at: number;
    };

export type RuntimeEventListener = (event: RuntimeEvent) => void;

/**
 * What a reconcile pass's controllers are given: the runtime's events, the data plane's, and
 * the metrics monitor's datapoints.
 */
export type PlaneEvent = RuntimeEvent | LoadBalancerEvent | AutoScalingMetricsEvent;

/** What a runtime created for a cluster and still holds on its engine. */
export interface RuntimeClusterResources {
  /** Its tasks' containers, running or exited. */
  containers: number;
  /** The networks it made for the cluster's tasks, by name. */
  networks: string[];
}

/**
 * Where a task's containers run. The control plane asks; the runtime reports back through
 * events, and the control plane's reconcile loop turns them into task state.
 */
export interface EcsRuntime {
  /**
   * Pulls the images and starts the containers; progress and failures come as events. Also
   * called for tasks restored from saved state: a runtime that still has their containers
   * adopts them and reports them running.
   */
  startTask(spec: RuntimeTaskSpec): void;
  /**
   * Stops the task's running containers: SIGTERM, then SIGKILL after `stopTimeoutMs`. Each
   * container that stops reports `container.exited`; containers that never started report
   * nothing, and a task the runtime has no containers for reports `task.gone`.
   */
  stopTask(taskArn: string, stopTimeoutMs: number): void;
  /**
   * Kills one running container of the task at once, as `docker kill` does (SIGKILL, exit
   * code 137), from outside the control plane: its exit comes as `container.exited` like any
   * other. False when the task has no such running container.
   */
  killContainer(taskArn: string, containerName: string): Promise<boolean>;
  /** Drops whatever the runtime still keeps of a stopped task (its containers). */
  forgetTask(taskArn: string): void;
  /**
   * Removes what the runtime created for a deleted cluster: its tasks' containers (stopped
   * ones included) and its network. A runtime that creates nothing need not have it.
   */
  forgetCluster?(clusterArn: string): void;
  /** What the runtime holds for the cluster (nothing, for a runtime without it). */
  clusterResources?(clusterArn: string): Promise<RuntimeClusterResources>;
  onEvent(listener: RuntimeEventListener): () => void;
}
