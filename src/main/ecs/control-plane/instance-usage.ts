import type { ContainerInstance, Resource } from '@aws-sdk/client-ecs';
import { compact, toDate } from './context';
import type { PlacementInstance } from './placement';
import type { ContainerInstanceRecord, EcsState, InstanceResources, TaskRecord } from './state';

const pendingStatuses = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);

/**
 * Live tasks per instance, computed once per state object: the control plane gives its state a
 * new identity whenever it applies changes, and drafts are new objects.
 */
const liveTasksByInstance = new WeakMap<EcsState, Map<string, TaskRecord[]>>();

/** Tasks that hold resources on an instance: every task placed there that has not stopped. */
export function tasksOnInstance(state: EcsState, instanceArn: string): TaskRecord[] {
  let index = liveTasksByInstance.get(state);
  if (!index) {
    index = new Map();
    for (const task of Object.values(state.tasks)) {
      if (!task.containerInstanceArn || task.lastStatus === 'STOPPED') continue;
      const list = index.get(task.containerInstanceArn) ?? [];
      list.push(task);
      index.set(task.containerInstanceArn, list);
    }
    liveTasksByInstance.set(state, index);
  }
  return index.get(instanceArn) ?? [];
}

/** What is left of an instance's registered resources once its tasks' reservations are taken. */
export function remainingResources(
  state: EcsState,
  instance: ContainerInstanceRecord,
): InstanceResources {
  const tasks = tasksOnInstance(state, instance.containerInstanceArn);
  const tcp = new Set(instance.registered.tcpPorts);
  const udp = new Set(instance.registered.udpPorts);
  for (const task of tasks) {
    for (const { port, protocol } of task.reservedPorts) (protocol === 'udp' ? udp : tcp).add(port);
    for (const container of task.containers) {
      for (const binding of container.networkBindings ?? []) {
        if (binding.hostPort) (binding.protocol === 'udp' ? udp : tcp).add(binding.hostPort);
      }
    }
  }
  return {
    cpu: instance.registered.cpu - tasks.reduce((sum, task) => sum + task.cpuUnits, 0),
    memory: instance.registered.memory - tasks.reduce((sum, task) => sum + task.memoryMiB, 0),
    tcpPorts: [...tcp].sort((a, b) => a - b),
    udpPorts: [...udp].sort((a, b) => a - b),
  };
}

function toResources(resources: InstanceResources): Resource[] {
  const integer = (name: string, value: number): Resource => ({
    name,
    type: 'INTEGER',
    doubleValue: 0,
    longValue: 0,
    integerValue: value,
  });
  const ports = (name: string, list: number[]): Resource => ({
    name,
    type: 'STRINGSET',
    doubleValue: 0,
    longValue: 0,
    integerValue: 0,
    stringSetValue: list.map(String),
  });
  return [
    integer('CPU', resources.cpu),
    integer('MEMORY', resources.memory),
    ports('PORTS', resources.tcpPorts),
    ports('PORTS_UDP', resources.udpPorts),
  ];
}

export function attributeValue(
  instance: ContainerInstanceRecord,
  name: string,
): string | undefined {
  return instance.attributes.find((attribute) => attribute.name === name)?.value;
}

export function toContainerInstance(
  state: EcsState,
  instance: ContainerInstanceRecord,
  include: string[] = [],
): ContainerInstance {
  const tasks = tasksOnInstance(state, instance.containerInstanceArn);
  return compact({
    containerInstanceArn: instance.containerInstanceArn,
    ec2InstanceId: instance.ec2InstanceId,
    version: instance.version,
    versionInfo: {
      agentVersion: '1.88.0',
      agentHash: 'a1b2c3d4',
      dockerVersion: 'DockerVersion: 25.0.8',
    },
    remainingResources: toResources(remainingResources(state, instance)),
    registeredResources: toResources(instance.registered),
    status: instance.status,
    agentConnected: instance.agentConnected,
    runningTasksCount: tasks.filter((task) => task.lastStatus === 'RUNNING').length,
    pendingTasksCount: tasks.filter((task) => pendingStatuses.has(task.lastStatus)).length,
    attributes: structuredClone(instance.attributes),
    registeredAt: toDate(instance.registeredAt),
    attachments: [],
    tags: include.includes('TAGS') ? structuredClone(instance.tags) : undefined,
  });
}

/** The instance as placement sees it. */
export function toPlacementInstance(
  state: EcsState,
  instance: ContainerInstanceRecord,
): PlacementInstance {
  return {
    arn: instance.containerInstanceArn,
    ec2InstanceId: instance.ec2InstanceId,
    status: instance.status,
    agentConnected: instance.agentConnected,
    registeredAt: instance.registeredAt,
    attributes: Object.fromEntries(
      instance.attributes.map((attribute) => [attribute.name ?? '', attribute.value ?? '']),
    ),
    remaining: remainingResources(state, instance),
    tasks: tasksOnInstance(state, instance.containerInstanceArn).map((task) => ({
      group: task.group ?? '',
      taskDefinitionFamily: task.family,
      ...(task.serviceName ? { serviceName: task.serviceName } : {}),
    })),
    agentVersion: '1.88.0',
  };
}
