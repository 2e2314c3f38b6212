import type { Attachment, Tag, TaskOverride } from '@aws-sdk/client-ecs';
import { arns } from '../core/arns';
import { compact } from '../core/context';
import type { PlaneContext } from '../core/context';
import { randomHex, randomUuid } from '../core/ids';
import type {
  ClusterRecord,
  ContainerRecord,
  TaskDefinitionRecord,
  TaskRecord,
} from '../core/state';
import type { AddressBook } from '../core/usage-index';
import { effectiveContainers, type TaskRequirements } from './overrides';

export { zoneOfSubnet } from '../../../../shared/domain/ecs';

export interface TaskLaunch {
  cluster: ClusterRecord;
  definition: TaskDefinitionRecord;
  launchType: 'EC2' | 'FARGATE';
  overrides: TaskOverride;
  group: string;
  startedBy?: string;
  tags: Tag[];
  subnets: string[];
  serviceName?: string;
  /** What each task reserves, from the definition and the overrides (see taskRequirements). */
  requirements: TaskRequirements;
}

/** Where one task goes: an instance (EC2) or a subnet (Fargate), and its zone. */
export interface TaskSite {
  containerInstanceArn?: string;
  availabilityZone: string;
  subnet?: string;
}

function freePrivateIp(ctx: PlaneContext, taken: AddressBook): string {
  for (;;) {
    const ip = `10.0.${Math.floor(ctx.random() * 256)}.${2 + Math.floor(ctx.random() * 252)}`;
    if (!taken.has(ip)) return ip;
  }
}

function eniAttachment(ctx: PlaneContext, id: string, subnet: string, ip: string): Attachment {
  const mac = Array.from({ length: 6 }, () => randomHex(ctx.random, 2)).join(':');
  return {
    id,
    type: 'ElasticNetworkInterface',
    status: 'PRECREATED',
    details: [
      { name: 'subnetId', value: subnet },
      { name: 'networkInterfaceId', value: `eni-${randomHex(ctx.random, 17)}` },
      { name: 'macAddress', value: mac },
      { name: 'privateDnsName', value: `ip-${ip.replaceAll('.', '-')}.ec2.internal` },
      { name: 'privateIPv4Address', value: ip },
    ],
  };
}

/** A new task, PROVISIONING (awsvpc) or PENDING, desired RUNNING. */
export function buildTask(
  ctx: PlaneContext,
  launch: TaskLaunch,
  site: TaskSite,
  ipsInUse: AddressBook,
): TaskRecord {
  const { cluster, definition } = launch;
  const taskId = randomHex(ctx.random, 32);
  const taskArn = arns.task(ctx.settings, cluster.clusterName, taskId);
  const awsvpc = definition.networkMode === 'awsvpc';
  const attachmentId = randomUuid(ctx.random);
  const ip = awsvpc ? freePrivateIp(ctx, ipsInUse) : undefined;
  if (ip) ipsInUse.add(ip);
  const containers = effectiveContainers(definition, launch.overrides).map(
    (container): ContainerRecord => ({
      containerArn: arns.container(
        ctx.settings,
        cluster.clusterName,
        taskId,
        randomUuid(ctx.random),
      ),
      taskArn,
      name: container.name ?? '',
      image: container.image,
      lastStatus: 'PENDING',
      networkBindings: [],
      networkInterfaces: ip ? [{ attachmentId, privateIpv4Address: ip }] : [],
      healthStatus: 'UNKNOWN',
      cpu: String(container.cpu ?? 0),
      ...(container.memory !== undefined ? { memory: String(container.memory) } : {}),
      ...(container.memoryReservation !== undefined
        ? { memoryReservation: String(container.memoryReservation) }
        : {}),
      essential: container.essential ?? true,
      ...(container.healthCheck?.command?.length ? { healthChecked: true } : {}),
    }),
  );
  const { requirements } = launch;
  const fargate = launch.launchType === 'FARGATE';
  // Built without undefined members (the record is plain JSON) and sharing nothing that could
  // change: the definition, overrides and tags it takes from are records or parsed input,
  // replaced rather than changed.
  return compact<TaskRecord>({
    taskArn,
    clusterArn: cluster.clusterArn,
    taskDefinitionArn: definition.taskDefinitionArn,
    family: definition.family,
    containerInstanceArn: site.containerInstanceArn,
    availabilityZone: site.availabilityZone,
    attachments: ip ? [eniAttachment(ctx, attachmentId, site.subnet ?? '', ip)] : [],
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    containers,
    cpu: launch.overrides.cpu ?? definition.cpu ?? (fargate ? undefined : String(requirements.cpu)),
    memory: launch.overrides.memory ?? definition.memory ?? String(requirements.memory),
    cpuUnits: requirements.cpu,
    memoryMiB: requirements.memory,
    reservedPorts: requirements.hostPorts,
    overrides: launch.overrides,
    group: launch.group,
    startedBy: launch.startedBy,
    serviceName: launch.serviceName,
    launchType: launch.launchType,
    platformVersion: fargate ? '1.4.0' : undefined,
    platformFamily: fargate ? 'Linux' : undefined,
    enableExecuteCommand: false,
    healthStatus: 'UNKNOWN',
    connectivity: 'CONNECTED',
    networkMode: definition.networkMode ?? 'bridge',
    tags: launch.tags,
    lastStatus: awsvpc ? 'PROVISIONING' : 'PENDING',
    desiredStatus: 'RUNNING',
    createdAt: ctx.now,
    version: 1,
  });
}
