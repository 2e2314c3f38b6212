import type { ContainerDefinition, ContainerOverride, TaskOverride } from '@aws-sdk/client-ecs';
import { EcsApiError } from '../core/ecs-api-error';
import { compact } from '../core/context';
import { maxContainerOverridesChars } from '../core/limits';
import type { Params } from '../core/params';
import type { TaskDefinitionRecord } from '../core/state';

const invalid = (message: string) => new EcsApiError('InvalidParameterException', message);

/**
 * AWS's quota on `overrides`: 8192 characters of its JSON, formatting included, however the
 * characters are spread over containers, environment and the task-level members.
 */
export function checkOverridesLength(overrides: unknown): void {
  const length = overrides === undefined ? 0 : (JSON.stringify(overrides)?.length ?? 0);
  if (length > maxContainerOverridesChars) {
    throw invalid(`Container Overrides length must be at most ${maxContainerOverridesChars}`);
  }
}

/** The `overrides` of RunTask/StartTask, checked against the task definition's containers. */
export function parseOverrides(
  params: Params | undefined,
  definition: TaskDefinitionRecord,
): TaskOverride {
  const names = new Set((definition.containerDefinitions ?? []).map((c) => c.name));
  const given = new Map<string, ContainerOverride>();
  for (const override of params?.objectList('containerOverrides') ?? []) {
    const name = override.requiredString('name');
    if (!names.has(name)) {
      throw invalid(
        `Override for container named ${name} is not a container in the TaskDefinition.`,
      );
    }
    const environment = (override.objectList('environment') ?? []).map((variable) => ({
      name: variable.requiredString('name'),
      value: variable.string('value') ?? '',
    }));
    given.set(
      name,
      compact({
        name,
        command: override.stringList('command'),
        environment: environment.length > 0 ? environment : undefined,
        cpu: override.integer('cpu', { min: 0, max: 196608 }),
        memory: override.integer('memory', { min: 6, max: 1048576 }),
        memoryReservation: override.integer('memoryReservation', { min: 6, max: 1048576 }),
      }),
    );
  }
  const cpu = params?.string('cpu');
  const memory = params?.string('memory');
  return compact<TaskOverride>({
    containerOverrides: (definition.containerDefinitions ?? []).map(
      (container) => given.get(container.name ?? '') ?? { name: container.name },
    ),
    inferenceAcceleratorOverrides: [],
    cpu,
    memory,
    taskRoleArn: params?.string('taskRoleArn'),
    executionRoleArn: params?.string('executionRoleArn'),
  });
}

/** The task definition's containers with a task's overrides applied. */
export function effectiveContainers(
  definition: TaskDefinitionRecord,
  overrides: TaskOverride | undefined,
): ContainerDefinition[] {
  return (definition.containerDefinitions ?? []).map((container) => {
    const override = overrides?.containerOverrides?.find((o) => o.name === container.name);
    // RunTask lists every container, most with nothing but the name: those run as defined.
    if (!override || Object.keys(override).every((key) => key === 'name')) return container;
    const environment = new Map((container.environment ?? []).map((v) => [v.name, v]));
    for (const variable of override.environment ?? []) environment.set(variable.name, variable);
    return {
      ...container,
      ...(override.command ? { command: override.command } : {}),
      ...(override.cpu !== undefined ? { cpu: override.cpu } : {}),
      ...(override.memory !== undefined ? { memory: override.memory } : {}),
      ...(override.memoryReservation !== undefined
        ? { memoryReservation: override.memoryReservation }
        : {}),
      environment: [...environment.values()],
    };
  });
}

/** What a task reserves on its instance: task-level sizes when set, else its containers'. */
export interface TaskRequirements {
  cpu: number;
  memory: number;
  hostPorts: { port: number; protocol: 'tcp' | 'udp' }[];
}

export function taskRequirements(
  definition: TaskDefinitionRecord,
  overrides: TaskOverride | undefined,
): TaskRequirements {
  const containers = effectiveContainers(definition, overrides);
  const cpu =
    Number(overrides?.cpu ?? definition.cpu ?? NaN) ||
    containers.reduce((sum, c) => sum + (c.cpu ?? 0), 0);
  const memory =
    Number(overrides?.memory ?? definition.memory ?? NaN) ||
    containers.reduce((sum, c) => sum + (c.memoryReservation ?? c.memory ?? 0), 0);
  const hostPorts =
    definition.networkMode === 'awsvpc'
      ? []
      : containers.flatMap((c) =>
          (c.portMappings ?? [])
            .filter((mapping) => (mapping.hostPort ?? 0) > 0)
            .map((mapping) => ({
              port: mapping.hostPort as number,
              protocol: mapping.protocol === 'udp' ? ('udp' as const) : ('tcp' as const),
            })),
        );
  return { cpu, memory, hostPorts };
}
