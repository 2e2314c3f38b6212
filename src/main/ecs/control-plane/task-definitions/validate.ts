import type {
  ContainerDefinition,
  PortMapping,
  RegisterTaskDefinitionRequest,
} from '@aws-sdk/client-ecs';
import { isValidName } from '../core/arns';
import { EcsApiError } from '../core/ecs-api-error';
import { maxContainersPerTaskDefinition, maxTaskDefinitionBytes } from '../core/limits';
import { Params } from '../core/params';
import { readQueryExpression } from '../placement';
import { taskDefinitionInputMembers } from './export';
import { isFargateConfiguration, normaliseCpu, normaliseMemory } from './units';

const networkModes = ['bridge', 'host', 'awsvpc', 'none'] as const;
const compatibilities = ['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'] as const;

function clientError(message: string): never {
  throw new EcsApiError('ClientException', message);
}

/** Deep copy of JSON input, so stored definitions share nothing with the caller. */
function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * A RegisterTaskDefinition request (also the `--cli-input-json` document) checked by ECS's
 * rules and with ECS's defaults filled in. Throws ClientException worded as ECS words it.
 */
export function normaliseRegistration(input: unknown): RegisterTaskDefinitionRequest {
  const length = Buffer.byteLength(JSON.stringify(input) ?? '');
  if (length > maxTaskDefinitionBytes) {
    clientError(
      `Actual length: '${length}'. Max allowed length is '${maxTaskDefinitionBytes}' bytes.`,
    );
  }
  const params = Params.of(input);
  const family = params.requiredString('family');
  if (!isValidName(family)) {
    clientError(
      'Family contains invalid characters. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.',
    );
  }
  const requires = params.stringList('requiresCompatibilities') ?? [];
  for (const compatibility of requires) {
    if (!(compatibilities as readonly string[]).includes(compatibility)) {
      clientError(`Invalid compatibility: ${compatibility}`);
    }
  }
  const fargate = requires.includes('FARGATE');
  const networkMode = params.string('networkMode') ?? 'bridge';
  if (!(networkModes as readonly string[]).includes(networkMode)) {
    clientError(
      `Invalid networkMode: ${networkMode}. Valid values are ${networkModes.join(', ')}.`,
    );
  }
  const cpu = normaliseCpu(params.value('cpu'));
  const memory = normaliseMemory(params.value('memory'));
  if (fargate) checkFargate(networkMode, cpu, memory);

  const definitions = params.requiredList('containerDefinitions');
  if (definitions.length === 0) clientError('Container list cannot be empty.');
  if (definitions.length > maxContainersPerTaskDefinition) clientError('Too many containers.');
  const containers = definitions.map((definition, index) =>
    normaliseContainer(Params.of(definition, `containerDefinitions[${index}]`), {
      networkMode,
      taskMemory: memory === undefined ? undefined : Number(memory),
    }),
  );
  const names = containers.map((container) => container.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    clientError(`Duplicate container name found: ${duplicate}.`);
  }
  if (!containers.some((container) => container.essential)) {
    clientError('A task definition must have at least one essential container.');
  }
  params.objectList('volumes');
  for (const constraint of params.objectList('placementConstraints') ?? []) {
    if (constraint.requiredString('type') !== 'memberOf') {
      clientError('Task definition placement constraints must be of type memberOf.');
    }
    readQueryExpression(constraint.string('expression'), 'memberOf');
  }
  for (const member of ['taskRoleArn', 'executionRoleArn', 'pidMode', 'ipcMode'] as const) {
    params.string(member);
  }

  const given = Object.fromEntries(
    taskDefinitionInputMembers
      .filter((member) => params.has(member))
      .map((m) => [m, params.value(m)]),
  );
  return cloneJson({
    ...given,
    family,
    networkMode,
    containerDefinitions: containers,
    volumes: params.list('volumes') ?? [],
    placementConstraints: params.list('placementConstraints') ?? [],
    requiresCompatibilities: requires,
    cpu,
    memory,
  } as RegisterTaskDefinitionRequest);
}

function checkFargate(networkMode: string, cpu?: string, memory?: string): void {
  if (networkMode !== 'awsvpc') clientError("Fargate only supports network mode 'awsvpc'.");
  if (cpu === undefined) clientError("Fargate requires that 'cpu' be defined at the task level.");
  if (memory === undefined) {
    clientError("Fargate requires that 'memory' be defined at the task level.");
  }
  if (!isFargateConfiguration(cpu, memory)) {
    clientError('No Fargate configuration exists for given values.');
  }
}

function normaliseContainer(
  params: Params,
  task: { networkMode: string; taskMemory?: number },
): ContainerDefinition & { name: string; essential: boolean } {
  const name = params.string('name');
  if (name === undefined || name === '') clientError('Container.name should not be null or empty.');
  if (!isValidName(name)) {
    clientError(
      `Container name '${name}' is invalid. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.`,
    );
  }
  const image = params.string('image');
  if (image === undefined || image.trim() === '') {
    clientError('Container.image should not be null or empty.');
  }
  const memory = params.integer('memory');
  const memoryReservation = params.integer('memoryReservation');
  const cpu = params.integer('cpu') ?? 0;
  if (task.taskMemory === undefined && memory === undefined && memoryReservation === undefined) {
    clientError(
      `Invalid setting for container '${name}'. At least one of 'memory' or 'memoryReservation' must be specified.`,
    );
  }
  if (memory !== undefined && memory < 6) {
    clientError(`Invalid 'memory' setting for container '${name}'. Minimum is 6 MiB.`);
  }
  if (memoryReservation !== undefined && memoryReservation < 6) {
    clientError(`Invalid 'memoryReservation' setting for container '${name}'. Minimum is 6 MiB.`);
  }
  if (memory !== undefined && memoryReservation !== undefined && memory <= memoryReservation) {
    clientError(
      `Invalid setting for container '${name}'. The 'memory' value must be greater than the 'memoryReservation' value.`,
    );
  }
  if (task.taskMemory !== undefined && (memory ?? memoryReservation ?? 0) > task.taskMemory) {
    clientError(
      `Invalid setting for container '${name}'. The container's memory must not be greater than the task's memory.`,
    );
  }
  const portMappings = (params.objectList('portMappings') ?? []).map((mapping) =>
    normalisePortMapping(mapping, task.networkMode),
  );
  if (task.networkMode === 'none' && portMappings.length > 0) {
    clientError('When networkMode=none, port mappings are not supported.');
  }
  for (const list of ['mountPoints', 'volumesFrom'] as const) params.objectList(list);
  for (const variable of params.objectList('environment') ?? []) {
    variable.requiredString('name');
    variable.string('value');
  }
  for (const list of ['command', 'entryPoint', 'links'] as const) params.stringList(list);
  params.integer('stopTimeout', { min: 0, max: 120 });
  return {
    ...(params.body as ContainerDefinition),
    name,
    image,
    cpu,
    memory,
    memoryReservation,
    essential: params.boolean('essential') ?? true,
    portMappings,
    environment: (params.list('environment') ?? []) as ContainerDefinition['environment'],
    mountPoints: (params.list('mountPoints') ?? []) as ContainerDefinition['mountPoints'],
    volumesFrom: (params.list('volumesFrom') ?? []) as ContainerDefinition['volumesFrom'],
  };
}

function normalisePortMapping(params: Params, networkMode: string): PortMapping {
  const containerPort = params.integer('containerPort');
  if (containerPort === undefined || containerPort < 1 || containerPort > 65535) {
    clientError('Invalid port mapping: containerPort must be between 1 and 65535.');
  }
  const protocol = params.string('protocol') ?? 'tcp';
  if (protocol !== 'tcp' && protocol !== 'udp') {
    clientError(`Invalid protocol ${protocol} in port mapping. Valid values are tcp and udp.`);
  }
  const hostPort = params.integer('hostPort');
  if (hostPort !== undefined && (hostPort < 0 || hostPort > 65535)) {
    clientError('Invalid port mapping: hostPort must be between 0 and 65535.');
  }
  const matching = networkMode === 'host' || networkMode === 'awsvpc';
  if (matching && hostPort !== undefined && hostPort !== containerPort) {
    clientError(
      `When networkMode=${networkMode}, the host ports and container ports in port mappings must match.`,
    );
  }
  return {
    ...(params.body as PortMapping),
    containerPort,
    hostPort: matching ? containerPort : (hostPort ?? 0),
    protocol,
  };
}
