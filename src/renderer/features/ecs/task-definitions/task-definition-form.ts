import type { RegisterTaskDefinitionRequest } from '@aws-sdk/client-ecs';
import { splitCommandLine } from '../../../common/form/command-line';

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
  /** Words as a shell splits them; empty keeps the image's own. */
  command: string;
  entryPoint: string;
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
    command: '',
    entryPoint: '',
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

/** Problems by field path (`family`, `containers.0.memory`, `containers.0.portMappings.1.hostPort`). */
export type FieldProblems = Record<string, string>;

export const fargateNetworkProblem = "Fargate only supports network mode 'awsvpc'.";

/**
 * The fields after the Fargate box is ticked or cleared. Fargate runs only awsvpc tasks, so
 * ticking it switches the network mode; `switchedFrom` is the mode it replaced, to say so.
 */
export function withFargate(
  fields: TaskDefinitionFields,
  fargate: boolean,
): { fields: TaskDefinitionFields; switchedFrom?: NetworkModeChoice } {
  if (!fargate || fields.networkMode === 'awsvpc') return { fields: { ...fields, fargate } };
  return {
    fields: { ...fields, fargate, networkMode: 'awsvpc' },
    switchedFrom: fields.networkMode,
  };
}

/**
 * The fields ECS cannot do without, by path: shown once the user has tried to register, so
 * a fresh form is not covered in red.
 */
export function missingFields(fields: TaskDefinitionFields): FieldProblems {
  const missing: FieldProblems = {};
  if (fields.family.trim() === '') missing.family = 'Name the family.';
  if (fields.fargate) {
    if (fields.cpu.trim() === '') missing.cpu = 'Fargate needs the task’s CPU.';
    if (fields.memory.trim() === '') missing.memory = 'Fargate needs the task’s memory.';
  }
  fields.containers.forEach((container, index) => {
    if (container.name.trim() === '') missing[`containers.${index}.name`] = 'Name the container.';
    if (container.image.trim() === '') missing[`containers.${index}.image`] = 'Name an image.';
  });
  return missing;
}

const fieldLabels: Record<string, string> = {
  family: 'Family',
  networkMode: 'Network mode',
  cpu: 'Task CPU',
  memory: 'Task memory',
  name: 'name',
  image: 'image',
  memoryReservation: 'memory reservation',
  command: 'command',
  entryPoint: 'entry point',
  containerPort: 'container port',
  hostPort: 'host port',
};

/** `containers.0.portMappings.1.hostPort` -> `Container 1, port mapping 2, host port`. */
export function fieldLabel(path: string): string {
  const parts = path.split('.');
  if (parts[0] !== 'containers') return fieldLabels[path] ?? path;
  const [, index = '0', key = '', rowIndex = '0', rowKey = ''] = parts;
  const container = `Container ${Number(index) + 1}`;
  if (key === 'portMappings') {
    return `${container}, port mapping ${Number(rowIndex) + 1}, ${fieldLabels[rowKey] ?? rowKey}`;
  }
  if (key === 'cpu') return `${container}, CPU`;
  if (key === 'memory') return `${container}, memory`;
  return `${container}, ${fieldLabels[key] ?? key}`;
}

/**
 * The field an ECS refusal is about, when its words say: a container's setting
 * ("Invalid 'memory' setting for container 'web'…"), the task's CPU or memory, the network
 * mode or the family. Undefined leaves the refusal to the alert alone.
 */
export function refusedField(message: string, fields: TaskDefinitionFields): string | undefined {
  const container = containerNamedIn(message, fields.containers);
  const setting = /'(memory|memoryReservation|cpu)'/.exec(message)?.[1];
  if (container >= 0) return `containers.${container}.${setting ?? 'name'}`;
  if (/task level/.test(message) && setting !== undefined) return setting;
  if (/Fargate configuration/.test(message)) return 'cpu';
  if (/network ?mode/i.test(message)) return 'networkMode';
  if (/^Family/.test(message)) return 'family';
  return undefined;
}

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
 * The RegisterTaskDefinition request the form describes, and what the form can tell at once:
 * numbers that are not numbers, an open quote, Fargate without awsvpc. Everything else ECS
 * checks (memory minimums, Fargate sizes, names) is left to the control plane, and its
 * refusal is shown at the field it is about (`refusedField`).
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
    const words = (key: 'command' | 'entryPoint') => {
      const split = splitCommandLine(container[key]);
      if (split === undefined) problems[`${at}.${key}`] = 'A quote is not closed.';
      return split ?? [];
    };
    const command = words('command');
    const entryPoint = words('entryPoint');
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
      ...(entryPoint.length > 0 ? { entryPoint } : {}),
      ...(command.length > 0 ? { command } : {}),
      portMappings,
      environment,
    };
  });
  if (fields.fargate && fields.networkMode !== 'awsvpc')
    problems.networkMode = fargateNetworkProblem;
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
