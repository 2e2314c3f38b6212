import {
  awsvpcBlockImdsAttribute,
  instanceRoleAttribute,
} from '../../../../shared/contract/ecs-agent';
import type {
  Attribute,
  ContainerInstance,
  DeregisterContainerInstanceResponse,
  DescribeContainerInstancesResponse,
  Failure,
  ListContainerInstancesResponse,
  RegisterContainerInstanceResponse,
  UpdateContainerInstancesStateResponse,
} from '@aws-sdk/client-ecs';
import { arns, resourceIdOf } from '../core/arns';
import { activeCluster } from '../clusters/operations';
import { compact, type Outcome, type PlaneContext } from '../core/context';
import { EcsApiError } from '../core/ecs-api-error';
import { randomHex } from '../core/ids';
import { checkCustomAttributeLimit, parseAttributes } from './attribute-values';
import { tasksOnInstance, toContainerInstance, toPlacementInstance } from './instance-usage';
import {
  isInstanceType,
  registeredResourcesOf,
  reservedTcpPorts,
  simulatedAmiId,
  type InstanceTypeName,
} from './instance-types';
import { paginate } from '../core/pagination';
import { Params } from '../core/params';
import { evaluateQuery, queryTargetOf, readQueryExpression } from '../placement';
import { checkInstanceLimit } from '../core/resource-limits';
import {
  applyEcsChanges,
  type ClusterRecord,
  type ContainerInstanceRecord,
  type EcsChange,
} from '../core/state';
import { parseTags } from '../tags/tag-values';
import { loseTask, requestStop } from '../tasks/lifecycle';

const invalid = (message: string) => new EcsApiError('InvalidParameterException', message);

/** The instance `ref` (id or ARN) names in `cluster`, or undefined. */
export function findInstance(
  ctx: PlaneContext,
  cluster: ClusterRecord,
  ref: string,
): ContainerInstanceRecord | undefined {
  const id = resourceIdOf(ref, 'container-instance');
  return ctx.state.containerInstances[
    arns.containerInstance(ctx.settings, cluster.clusterName, id)
  ];
}

const instanceRolePattern = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

function standardAttributes(az: string, type: string, amiId: string): Attribute[] {
  return [
    { name: 'ecs.availability-zone', value: az },
    { name: 'ecs.instance-type', value: type },
    { name: 'ecs.os-type', value: 'linux' },
    { name: 'ecs.cpu-architecture', value: 'x86_64' },
    { name: 'ecs.ami-id', value: amiId },
    { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' },
    { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.21' },
    { name: 'ecs.capability.task-eni' },
  ];
}

function newInstance(
  ctx: PlaneContext,
  cluster: ClusterRecord,
  fields: { ec2InstanceId: string; cpu: number; memory: number; tcpPorts: number[] },
  attributes: Attribute[],
  tags: ContainerInstanceRecord['tags'],
): ContainerInstanceRecord {
  return {
    containerInstanceArn: arns.containerInstance(
      ctx.settings,
      cluster.clusterName,
      randomHex(ctx.random, 32),
    ),
    clusterArn: cluster.clusterArn,
    ec2InstanceId: fields.ec2InstanceId,
    status: 'ACTIVE',
    agentConnected: true,
    registeredAt: ctx.now,
    registered: {
      cpu: fields.cpu,
      memory: fields.memory,
      ...registeredPorts(fields.tcpPorts),
    },
    attributes,
    tags,
    version: 1,
  };
}

function registeredPorts(
  tcpPorts: number[],
): Pick<ContainerInstanceRecord['registered'], 'tcpPorts' | 'udpPorts'> {
  return {
    tcpPorts: [...new Set([...reservedTcpPorts, ...tcpPorts])].sort((a, b) => a - b),
    udpPorts: [],
  };
}

const standardAttributeNames = new Set(standardAttributes('', '', '').map((a) => a.name));

const attributeOf = (instance: ContainerInstanceRecord | undefined, name: string) =>
  instance?.attributes.find((attribute) => attribute.name === name)?.value;

/** The ACTIVE or DRAINING instance a re-registration names; ECS refuses any other. */
function registeredInstance(
  ctx: PlaneContext,
  cluster: ClusterRecord,
  ref: string,
): ContainerInstanceRecord {
  const found = findInstance(ctx, cluster, ref);
  if (!found || found.status === 'INACTIVE') {
    throw new EcsApiError(
      'ClientException',
      `The container instance ${ref} is not registered with the cluster ${cluster.clusterName}.`,
    );
  }
  return found;
}

export interface LaunchInstancesInput {
  cluster?: string;
  instanceType: string;
  count?: number;
  availabilityZone?: string;
  /** The instances' IAM role, served to their tasks by instance metadata. */
  instanceRoleArn?: string;
  /** The agents' ECS_AWSVPC_BLOCK_IMDS: their awsvpc tasks cannot reach instance metadata. */
  awsvpcBlockImds?: boolean;
}

/** Simulated EC2 instances of a type, started with the ECS agent and registered. */
export function launchInstances(ctx: PlaneContext, input: unknown): Outcome<ContainerInstance[]> {
  const params = Params.of(input);
  const cluster = activeCluster(ctx, params.string('cluster'));
  const type = params.requiredString('instanceType');
  if (!isInstanceType(type)) throw invalid(`Unsupported instance type: ${type}.`);
  const count = params.integer('count', { min: 1, max: 20 }) ?? 1;
  const az = params.string('availabilityZone') ?? `${ctx.settings.region}a`;
  if (!new RegExp(`^${ctx.settings.region}[a-z]$`).test(az)) {
    throw invalid(`Invalid availability zone ${az} for region ${ctx.settings.region}.`);
  }
  const role = params.string('instanceRoleArn');
  if (role !== undefined && !instanceRolePattern.test(role)) {
    throw invalid(`instanceRoleArn is not an IAM role ARN: ${role.slice(0, 64)}.`);
  }
  const agentAttributes = [
    ...(role === undefined ? [] : [{ name: instanceRoleAttribute, value: role }]),
    ...(params.boolean('awsvpcBlockImds')
      ? [{ name: awsvpcBlockImdsAttribute, value: 'true' }]
      : []),
  ];
  const instances = Array.from({ length: count }, () =>
    newInstance(
      ctx,
      cluster,
      {
        ec2InstanceId: `i-${randomHex(ctx.random, 17)}`,
        ...registeredResourcesOf(type),
        tcpPorts: [],
      },
      [...standardAttributes(az, type, simulatedAmiId), ...agentAttributes],
      [],
    ),
  );
  const changes = instances.map((containerInstance): EcsChange => ({
    kind: 'containerInstance.put',
    containerInstance,
  }));
  // New instances hold no tasks: the state before them tells their usage.
  return { result: instances.map((i) => toContainerInstance(ctx.state, i)), changes };
}

function readIdentity(params: Params): {
  instanceId?: string;
  az?: string;
  type?: string;
  ami?: string;
} {
  const document = params.string('instanceIdentityDocument');
  if (document === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw invalid('instanceIdentityDocument is not valid JSON.');
  }
  const identity = Params.of(parsed, 'instanceIdentityDocument');
  return {
    instanceId: identity.string('instanceId'),
    az: identity.string('availabilityZone'),
    type: identity.string('instanceType'),
    ami: identity.string('imageId'),
  };
}

export function registerContainerInstance(
  ctx: PlaneContext,
  input: unknown,
): Outcome<RegisterContainerInstanceResponse> {
  const params = Params.of(input);
  const cluster = activeCluster(ctx, params.string('cluster'));
  const identity = readIdentity(params);
  // The agent registering again (after a restart) names its instance: same ARN, EC2 instance,
  // status and tasks; new resources and attributes.
  const previousArn = params.string('containerInstanceArn');
  const previous =
    previousArn === undefined ? undefined : registeredInstance(ctx, cluster, previousArn);
  const type = identity.type ?? attributeOf(previous, 'ecs.instance-type') ?? 'm5.large';
  const resources = new Map(
    (params.objectList('totalResources') ?? []).map((r) => [r.requiredString('name'), r]),
  );
  const fromType = isInstanceType(type)
    ? registeredResourcesOf(type as InstanceTypeName)
    : undefined;
  const cpu =
    resources.get('CPU')?.integer('integerValue', { min: 1, max: 1_000_000 }) ?? fromType?.cpu;
  const memory =
    resources.get('MEMORY')?.integer('integerValue', { min: 1, max: 100_000_000 }) ??
    fromType?.memory;
  if (cpu === undefined || memory === undefined) {
    throw invalid('totalResources must include CPU and MEMORY for this instance type.');
  }
  const tcpPorts = (resources.get('PORTS')?.stringList('stringSetValue') ?? []).map(Number);
  if (tcpPorts.some((port) => !Number.isInteger(port) || port < 1 || port > 65535)) {
    throw invalid('PORTS must list port numbers between 1 and 65535.');
  }
  const requested = parseAttributes(params.objectList('attributes'));
  // Attributes put on the instance since (PutAttributes) stay unless the agent names them.
  const kept = (previous?.attributes ?? []).filter(
    (a) => !standardAttributeNames.has(a.name) && !requested.some((r) => r.name === a.name),
  );
  const custom = [...kept, ...requested];
  checkCustomAttributeLimit(custom);
  if (!previous) checkInstanceLimit(ctx.state, cluster.clusterArn);
  const az =
    identity.az ?? attributeOf(previous, 'ecs.availability-zone') ?? `${ctx.settings.region}a`;
  const ami = identity.ami ?? attributeOf(previous, 'ecs.ami-id') ?? simulatedAmiId;
  const attributes = [...standardAttributes(az, type, ami), ...custom];
  const tags =
    params.objectList('tags') === undefined ? undefined : parseTags(params.objectList('tags'));
  const instance: ContainerInstanceRecord = previous
    ? {
        ...previous,
        agentConnected: true,
        registered: { cpu, memory, ...registeredPorts(tcpPorts) },
        attributes,
        tags: tags ?? previous.tags,
        version: previous.version + 1,
      }
    : newInstance(
        ctx,
        cluster,
        {
          ec2InstanceId: identity.instanceId ?? `i-${randomHex(ctx.random, 17)}`,
          cpu,
          memory,
          tcpPorts,
        },
        attributes,
        tags ?? [],
      );
  const changes: EcsChange[] = [{ kind: 'containerInstance.put', containerInstance: instance }];
  return { result: { containerInstance: toContainerInstance(ctx.state, instance) }, changes };
}

export function deregisterContainerInstance(
  ctx: PlaneContext,
  input: unknown,
): Outcome<DeregisterContainerInstanceResponse> {
  const params = Params.of(input);
  const cluster = activeCluster(ctx, params.string('cluster'));
  const ref = params.requiredRef('containerInstance');
  const force = params.boolean('force') ?? false;
  const instance = findInstance(ctx, cluster, ref);
  if (!instance || instance.status === 'INACTIVE') {
    throw invalid('The referenced container instance was not found.');
  }
  const tasks = tasksOnInstance(ctx.state, instance.containerInstanceArn);
  if (tasks.length > 0 && !force) throw invalid('Found running tasks on the instance.');
  const changes: EcsChange[] = [];
  for (const task of tasks) {
    const stopped = requestStop(task, 'InfrastructureHealth', 'Container instance deregistered.');
    if (stopped) changes.push({ kind: 'task.put', task: stopped });
  }
  const inactive: ContainerInstanceRecord = {
    ...instance,
    status: 'INACTIVE',
    agentConnected: false,
    version: instance.version + 1,
  };
  changes.push({ kind: 'containerInstance.put', containerInstance: inactive });
  return { result: { containerInstance: toContainerInstance(ctx.state, inactive) }, changes };
}

/** Disconnects or reconnects an instance's agent; a disconnected instance's tasks are lost. */
export function setAgentConnected(
  ctx: PlaneContext,
  clusterRef: string,
  instanceRef: string,
  connected: boolean,
): Outcome<ContainerInstance> {
  const cluster = activeCluster(ctx, clusterRef);
  const instance = findInstance(ctx, cluster, instanceRef);
  if (!instance || instance.status === 'INACTIVE') {
    throw invalid('The referenced container instance was not found.');
  }
  if (instance.agentConnected === connected) {
    return { result: toContainerInstance(ctx.state, instance), changes: [] };
  }
  const updated = { ...instance, agentConnected: connected, version: instance.version + 1 };
  const changes: EcsChange[] = [{ kind: 'containerInstance.put', containerInstance: updated }];
  if (!connected) {
    const reason = `Task stopped because the ECS agent on container instance ${resourceIdOf(
      instance.containerInstanceArn,
      'container-instance',
    )} (${instance.ec2InstanceId}) disconnected.`;
    for (const task of tasksOnInstance(ctx.state, instance.containerInstanceArn)) {
      const lost = loseTask(task, ctx.now, reason);
      if (lost) changes.push({ kind: 'task.put', task: lost });
    }
  }
  return { result: toContainerInstance(applyEcsChanges(ctx.state, changes), updated), changes };
}

export function describeContainerInstances(
  ctx: PlaneContext,
  input: unknown,
): DescribeContainerInstancesResponse {
  const params = Params.of(input);
  const cluster = activeCluster(ctx, params.string('cluster'));
  const refs = params.requiredStringList('containerInstances');
  if (refs.length > 100) throw invalid('containerInstances can have at most 100 items.');
  const include = params.stringList('include') ?? [];
  const containerInstances: ContainerInstance[] = [];
  const failures: Failure[] = [];
  for (const ref of refs) {
    const instance = findInstance(ctx, cluster, ref);
    if (instance) containerInstances.push(toContainerInstance(ctx.state, instance, include));
    else failures.push({ arn: ref, reason: 'MISSING' });
  }
  return { containerInstances, failures };
}

export function listContainerInstances(
  ctx: PlaneContext,
  input: unknown,
): ListContainerInstancesResponse {
  const params = Params.of(input);
  const cluster = activeCluster(ctx, params.string('cluster'));
  const status = params.oneOf('status', [
    'ACTIVE',
    'DRAINING',
    'REGISTERING',
    'DEREGISTERING',
    'REGISTRATION_FAILED',
  ]);
  const filter = params.string('filter');
  const query = filter === undefined ? undefined : readQueryExpression(filter, 'filter');
  const maxResults = params.maxResults();
  const instanceArns = Object.values(ctx.state.containerInstances)
    .filter((i) => i.clusterArn === cluster.clusterArn)
    .filter((i) => (status ? i.status === status : i.status !== 'INACTIVE'))
    .filter((i) => !query || evaluateQuery(query, queryTargetOf(toPlacementInstance(ctx.state, i))))
    .sort(
      (a, b) =>
        a.registeredAt - b.registeredAt ||
        (a.containerInstanceArn < b.containerInstanceArn ? -1 : 1),
    )
    .map((i) => i.containerInstanceArn);
  const { page, nextToken } = paginate(instanceArns, params.string('nextToken'), maxResults);
  return compact({ containerInstanceArns: page, nextToken });
}

export function updateContainerInstancesState(
  ctx: PlaneContext,
  input: unknown,
): Outcome<UpdateContainerInstancesStateResponse> {
  const params = Params.of(input);
  const cluster = activeCluster(ctx, params.string('cluster'));
  const refs = params.requiredStringList('containerInstances');
  if (refs.length > 10) throw invalid('containerInstances can have at most 10 items.');
  const status = params.requiredString('status');
  if (status !== 'ACTIVE' && status !== 'DRAINING') {
    throw invalid('Container instance status must be ACTIVE or DRAINING.');
  }
  const updated: ContainerInstanceRecord[] = [];
  const failures: Failure[] = [];
  for (const ref of refs) {
    const instance = findInstance(ctx, cluster, ref);
    if (!instance || instance.status === 'INACTIVE') {
      failures.push({ arn: ref, reason: 'MISSING' });
      continue;
    }
    updated.push(
      instance.status === status
        ? instance
        : { ...instance, status, version: instance.version + 1 },
    );
  }
  const changes = updated
    .filter((instance) => ctx.state.containerInstances[instance.containerInstanceArn] !== instance)
    .map((containerInstance): EcsChange => ({ kind: 'containerInstance.put', containerInstance }));
  return {
    result: {
      containerInstances: updated.map((instance) => toContainerInstance(ctx.state, instance)),
      failures,
    },
    changes,
  };
}
