import type { RuntimeTaskSpec } from '../core/runtime-port';
import type { EcsState, TaskRecord } from '../core/state';
import { defaultStopTimeoutMs } from './lifecycle';
import { effectiveContainers } from './overrides';

/** What the runtime needs to start `task`: its containers with overrides and host ports. */
export function runtimeSpecOf(state: EcsState, task: TaskRecord): RuntimeTaskSpec | undefined {
  const definition = state.taskDefinitions[task.taskDefinitionArn];
  if (!definition) return undefined;
  const networkMode = (definition.networkMode ?? 'bridge') as RuntimeTaskSpec['networkMode'];
  const privateIp = task.containers[0]?.networkInterfaces?.[0]?.privateIpv4Address;
  const taskRoleArn = task.overrides?.taskRoleArn ?? definition.taskRoleArn;
  const executionRoleArn = task.overrides?.executionRoleArn ?? definition.executionRoleArn;
  return {
    taskArn: task.taskArn,
    clusterArn: task.clusterArn,
    taskDefinitionArn: definition.taskDefinitionArn,
    family: definition.family,
    revision: definition.revision,
    networkMode,
    ...(task.containerInstanceArn ? { containerInstanceArn: task.containerInstanceArn } : {}),
    ...(privateIp ? { privateIpv4Address: privateIp } : {}),
    ...(taskRoleArn ? { taskRoleArn } : {}),
    ...(executionRoleArn ? { executionRoleArn } : {}),
    containers: effectiveContainers(definition, task.overrides).map((container) => {
      const record = task.containers.find((c) => c.name === container.name);
      return {
        name: container.name ?? '',
        containerArn: record?.containerArn ?? '',
        definition: container,
        essential: container.essential ?? true,
        portMappings: (container.portMappings ?? []).map((mapping) => ({
          containerPort: mapping.containerPort ?? 0,
          hostPort:
            networkMode === 'bridge' ? (mapping.hostPort ?? 0) : (mapping.containerPort ?? 0),
          protocol: mapping.protocol === 'udp' ? ('udp' as const) : ('tcp' as const),
        })),
      };
    }),
  };
}

/** SIGKILL follows SIGTERM after the longest `stopTimeout` of the task's containers. */
export function stopTimeoutOf(state: EcsState, task: TaskRecord): number {
  const definition = state.taskDefinitions[task.taskDefinitionArn];
  const seconds = (definition?.containerDefinitions ?? [])
    .map((container) => container.stopTimeout)
    .filter((timeout): timeout is number => typeof timeout === 'number');
  return seconds.length > 0 ? Math.max(...seconds) * 1000 : defaultStopTimeoutMs;
}
