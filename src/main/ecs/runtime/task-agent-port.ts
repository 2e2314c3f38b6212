import type { RuntimeTaskSpec } from '../control-plane/core/runtime-port';

/** What a task's containers need to reach the container agent's endpoints. */
export interface TaskAgentAttachment {
  /**
   * Networks the task's network namespace joins besides its own: each container's in bridge
   * mode, the namespace owner's in awsvpc mode.
   */
  networks: readonly string[];
  /** `NAME=value` lines added to a container's environment. */
  environmentOf(containerName: string): string[];
}

/**
 * The container agent the Docker runtime hands its tasks to: task metadata, task-role
 * credentials and instance metadata are served to the task's containers from it.
 */
export interface TaskAgentPort {
  /** Registers a task about to start; undefined when its network mode reaches no agent. */
  attach(spec: RuntimeTaskSpec): Promise<TaskAgentAttachment | undefined>;
  /**
   * A task whose containers were running when the runtime started (the app restarted): what
   * they were given (the URIs in their environment) works again.
   */
  adopt(
    spec: RuntimeTaskSpec,
    containers: readonly { name: string; environment: readonly string[] }[],
  ): Promise<void>;
  /** The task is stopping or gone: what it was given stops working. */
  release(taskArn: string): void;
}
