import type { ContainerInstance, Resource } from '@aws-sdk/client-ecs';
import { compact, toDate } from '../core/context';
import type { PlacementInstance } from '../placement';
import type {
  ContainerInstanceRecord,
  EcsState,
  InstanceResources,
  TaskRecord,
} from '../core/state';
import { usageIndexOf } from '../core/usage-index';

/** Tasks that hold resources on an instance: every task placed there that has not stopped. */
export function tasksOnInstance(state: EcsState, instanceArn: string): TaskRecord[] {
  return usageIndexOf(state).tasksOn(instanceArn);
}

/** What is left of an instance's registered resources once its tasks' reservations are taken. */
export function remainingResources(
  state: EcsState,
  instance: ContainerInstanceRecord,
): InstanceResources {
  return usageIndexOf(state).remaining(instance);
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
  const counts = usageIndexOf(state).taskCountsOn(instance.containerInstanceArn);
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
    runningTasksCount: counts.running,
    pendingTasksCount: counts.pending,
    attributes: structuredClone(instance.attributes),
    registeredAt: toDate(instance.registeredAt),
    attachments: [],
    tags: include.includes('TAGS') ? structuredClone(instance.tags) : undefined,
  });
}

/** The instance as placement sees it (shared until the instance changes: do not mutate). */
export function toPlacementInstance(
  state: EcsState,
  instance: ContainerInstanceRecord,
): PlacementInstance {
  return usageIndexOf(state).placementInstance(instance);
}
