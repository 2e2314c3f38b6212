import type { RegisterTaskDefinitionRequest } from '@aws-sdk/client-ecs';

export const networkModes = ['bridge', 'host', 'awsvpc', 'none'] as const;
export type NetworkModeChoice = (typeof networkModes)[number];

export interface PortMappingFields {
  containerPort: string;
  hostPort: string;
  protocol: 'tcp' | 'udp';
}

export interface EnvironmentFields {
  name: string;
  value: string;
}

export interface ContainerFields {
  name: string;
  image: string;
  cpu: string;
  memory: string;
  memoryReservation: string;
  essential: boolean;
  portMappings: PortMappingFields[];
  environment: EnvironmentFields[];
}

export interface TaskDefinitionFields {
  family: string;
  networkMode: NetworkModeChoice;
  ec2: boolean;
  fargate: boolean;
  cpu: string;
  memory: string;
  taskRoleArn: string;
  containers: ContainerFields[];
}

export function emptyContainer(): ContainerFields {
  return {
    name: '',
    image: '',
    cpu: '',
    memory: '',
    memoryReservation: '',
    essential: true,
    portMappings: [],
    environment: [],
  };
}

export function emptyTaskDefinition(): TaskDefinitionFields {
  return {
    family: '',
    networkMode: 'bridge',
    ec2: true,
    fargate: false,
    cpu: '',
    memory: '',
    taskRoleArn: '',
    containers: [emptyContainer()],
  };
}

/** Problems the form can tell before asking ECS: numbers that are not numbers. By field path. */
export type FieldProblems = Record<string, string>;

const wholeNumber = /^\d+$/;

function numberField(
  text: string,
  path: string,
  problems: FieldProblems,
  max = 1_000_000,
): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!wholeNumber.test(trimmed) || Number(trimmed) > max) {
    problems[path] = `A whole number up to ${max.toLocaleString('en')}.`;
    return undefined;
  }
  return Number(trimmed);
}

/**
 * The RegisterTaskDefinition request the form describes. Only the form's own checks happen
 * here (numbers); everything ECS checks (names, memory, network modes, Fargate sizes) is left
 * to the control plane, so the form shows ECS's messages.
 */
export function toRegisterRequest(fields: TaskDefinitionFields): {
  request: RegisterTaskDefinitionRequest;
  problems: FieldProblems;
} {
  const problems: FieldProblems = {};
  const containerDefinitions = fields.containers.map((container, index) => {
    const at = `containers.${index}`;
    const cpu = numberField(container.cpu, `${at}.cpu`, problems);
    const memory = numberField(container.memory, `${at}.memory`, problems);
    const memoryReservation = numberField(
      container.memoryReservation,
      `${at}.memoryReservation`,
      problems,
    );
    const portMappings = container.portMappings.map((mapping, portIndex) => {
      const portAt = `${at}.portMappings.${portIndex}`;
      const containerPort = numberField(
        mapping.containerPort,
        `${portAt}.containerPort`,
        problems,
        65535,
      );
      const hostPort = numberField(mapping.hostPort, `${portAt}.hostPort`, problems, 65535);
      return {
        ...(containerPort === undefined ? {} : { containerPort }),
        ...(hostPort === undefined ? {} : { hostPort }),
        protocol: mapping.protocol,
      };
    });
    const environment = container.environment
      .filter((variable) => variable.name.trim() !== '' || variable.value !== '')
      .map((variable) => ({ name: variable.name.trim(), value: variable.value }));
    return {
      name: container.name.trim(),
      image: container.image.trim(),
      essential: container.essential,
      ...(cpu === undefined ? {} : { cpu }),
      ...(memory === undefined ? {} : { memory }),
      ...(memoryReservation === undefined ? {} : { memoryReservation }),
      portMappings,
      environment,
    };
  });
  const compatibilities = [
    ...(fields.ec2 ? (['EC2'] as const) : []),
    ...(fields.fargate ? (['FARGATE'] as const) : []),
  ];
  const request: RegisterTaskDefinitionRequest = {
    family: fields.family.trim(),
    networkMode: fields.networkMode,
    containerDefinitions,
    ...(compatibilities.length > 0 ? { requiresCompatibilities: [...compatibilities] } : {}),
    ...(fields.cpu.trim() ? { cpu: fields.cpu.trim() } : {}),
    ...(fields.memory.trim() ? { memory: fields.memory.trim() } : {}),
    ...(fields.taskRoleArn.trim() ? { taskRoleArn: fields.taskRoleArn.trim() } : {}),
  };
  return { request, problems };
}

/** Which container an ECS message is about ("Invalid setting for container 'web'…"), by index. */
export function containerNamedIn(message: string, containers: readonly ContainerFields[]): number {
  const named = /container '([^']+)'/.exec(message)?.[1];
  if (named === undefined) return -1;
  return containers.findIndex((container) => container.name.trim() === named);
}
