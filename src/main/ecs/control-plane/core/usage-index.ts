import type { PlacementInstance } from '../placement';
import type {
  ContainerInstanceRecord,
  ContainerRecord,
  EcsChange,
  EcsState,
  InstanceResources,
  TaskRecord,
} from './state';

const pendingStatuses: ReadonlySet<string> = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);

/** What the live tasks placed on one instance hold there. */
interface InstanceUsage {
  readonly tasks: Map<string, TaskRecord>;
  cpu: number;
  memory: number;
  /** Host ports the tasks hold, with how many tasks hold each. */
  readonly tcpPorts: Map<number, number>;
  readonly udpPorts: Map<number, number>;
  readonly groups: Map<string, number>;
  running: number;
  pending: number;
  /** The last snapshot handed out and the instance record it was made from. */
  snapshot?: { record: ContainerInstanceRecord; placement: PlacementInstance };
}

/** Something that can be told whether a private address is taken and take one. */
export interface AddressBook {
  has(ip: string): boolean;
  add(ip: string): void;
}

const isLive = (task: TaskRecord) => task.lastStatus !== 'STOPPED';

/**
 * The per-instance figures placement and DescribeContainerInstances need (live tasks, the CPU,
 * memory and ports they hold, their groups), the private addresses in use and the live tasks
 * per cluster, group and zone: kept up to date change by change, so a RunTask costs a look-up
 * per instance instead of a pass over every task. `UsageIndex.build(state)` computes the same
 * from scratch; `apply` must see every change made to the state it was built from.
 */
export class UsageIndex {
  private readonly usage = new Map<string, InstanceUsage>();
  /** Every live task as last counted, so a put can take back what its earlier record held. */
  private readonly live = new Map<string, TaskRecord>();
  private readonly addresses = new Map<string, number>();
  private readonly zoneTasks = new Map<string, number>();
  /** Every instance by cluster, so a placement looks at its cluster's alone. */
  private readonly clusterInstances = new Map<string, Map<string, ContainerInstanceRecord>>();
  /** Each cluster's placement snapshots as last handed out, and the instances changed since. */
  private readonly clusterPlacements = new Map<string, ClusterPlacements>();
  /** Tasks on their way to their desired status: the ones a reconcile pass may advance. */
  private readonly inMotion = new Set<string>();
  /** Stopped tasks with when they stopped, for forgetting them once their retention is over. */
  private readonly stopped = new Map<string, number>();

  static build(state: EcsState): UsageIndex {
    const index = new UsageIndex();
    for (const instance of Object.values(state.containerInstances)) index.putInstance(instance);
    for (const task of Object.values(state.tasks)) index.putTask(task);
    return index;
  }

  apply(change: EcsChange): void {
    if (change.kind === 'task.put') this.putTask(change.task);
    else if (change.kind === 'task.delete') this.forget(change.arn);
    else if (change.kind === 'containerInstance.put') this.putInstance(change.containerInstance);
  }

  /**
   * The placement snapshots of the cluster's instances that are not INACTIVE, in the order
   * they were registered: kept between calls with only the changed instances' replaced, so it
   * is the same array each time and must not be mutated.
   */
  placementInstancesOf(clusterArn: string): readonly PlacementInstance[] {
    const cached = this.clusterPlacements.get(clusterArn);
    if (cached) {
      for (const arn of cached.changed) {
        const position = cached.positions.get(arn);
        const instance = this.clusterInstances.get(clusterArn)?.get(arn);
        if (position !== undefined && instance) {
          cached.list[position] = this.placementInstance(instance);
        }
      }
      cached.changed.clear();
      return cached.list;
    }
    const list: PlacementInstance[] = [];
    const positions = new Map<string, number>();
    for (const instance of this.instancesOf(clusterArn)) {
      if (instance.status === 'INACTIVE') continue;
      positions.set(instance.containerInstanceArn, list.length);
      list.push(this.placementInstance(instance));
    }
    this.clusterPlacements.set(clusterArn, { list, positions, changed: new Set() });
    return list;
  }

  /**
   * The tasks a reconcile pass may have a step for: every task but those RUNNING as desired
   * and those STOPPED (which only wait to be forgotten, see {@link stoppedTasks}).
   */
  tasksInMotion(): ReadonlySet<string> {
    return this.inMotion;
  }

  /** Every STOPPED task with its `stoppedAt`. */
  stoppedTasks(): ReadonlyMap<string, number> {
    return this.stopped;
  }

  /** The cluster's instances, INACTIVE ones included, in the order they were registered. */
  instancesOf(clusterArn: string): Iterable<ContainerInstanceRecord> {
    return this.clusterInstances.get(clusterArn)?.values() ?? [];
  }

  /** Live tasks placed on the instance, in the order they were first counted. */
  tasksOn(instanceArn: string): TaskRecord[] {
    return [...(this.usage.get(instanceArn)?.tasks.values() ?? [])];
  }

  taskCountsOn(instanceArn: string): { running: number; pending: number; live: number } {
    const usage = this.usage.get(instanceArn);
    return {
      running: usage?.running ?? 0,
      pending: usage?.pending ?? 0,
      live: usage?.tasks.size ?? 0,
    };
  }

  /** What is left of the instance's registered resources once its tasks have theirs. */
  remaining(instance: ContainerInstanceRecord): InstanceResources {
    const usage = this.usage.get(instance.containerInstanceArn);
    return {
      cpu: instance.registered.cpu - (usage?.cpu ?? 0),
      memory: instance.registered.memory - (usage?.memory ?? 0),
      tcpPorts: portUnion(instance.registered.tcpPorts, usage?.tcpPorts),
      udpPorts: portUnion(instance.registered.udpPorts, usage?.udpPorts),
    };
  }

  /**
   * The instance as placement sees it. The same object is handed out until the instance's
   * record or its tasks change, so it must not be mutated.
   */
  placementInstance(instance: ContainerInstanceRecord): PlacementInstance {
    const usage = this.usageOf(instance.containerInstanceArn);
    if (usage.snapshot?.record === instance) return usage.snapshot.placement;
    const records = [...usage.tasks.values()];
    let tasks: PlacementInstance['tasks'] | undefined;
    const placement: PlacementInstance = {
      arn: instance.containerInstanceArn,
      ec2InstanceId: instance.ec2InstanceId,
      status: instance.status,
      agentConnected: instance.agentConnected,
      registeredAt: instance.registeredAt,
      attributes: attributesOf(instance),
      remaining: this.remaining(instance),
      // Made when first read: most placements read the group counts instead.
      get tasks() {
        return (tasks ??= records.map((task) => ({
          group: task.group ?? '',
          taskDefinitionFamily: task.family,
          ...(task.serviceName ? { serviceName: task.serviceName } : {}),
        })));
      },
      taskCountByGroup: new Map(usage.groups),
      agentVersion: '1.88.0',
    };
    usage.snapshot = { record: instance, placement };
    return placement;
  }

  /** The private addresses live tasks hold, with room for a call's own. */
  addressBook(): AddressBook {
    const taken = new Set<string>();
    return {
      has: (ip) => taken.has(ip) || this.addresses.has(ip),
      add: (ip) => void taken.add(ip),
    };
  }

  /** Live tasks of the cluster's group in the zone. */
  tasksInZone(clusterArn: string, group: string, zone: string): number {
    return this.zoneTasks.get(zoneKey(clusterArn, group, zone)) ?? 0;
  }

  private putInstance(instance: ContainerInstanceRecord): void {
    let instances = this.clusterInstances.get(instance.clusterArn);
    if (!instances) {
      instances = new Map();
      this.clusterInstances.set(instance.clusterArn, instances);
    }
    instances.set(instance.containerInstanceArn, instance);
    // Which instances are listed may have changed: the list is made afresh when next asked.
    this.clusterPlacements.delete(instance.clusterArn);
  }

  private putTask(task: TaskRecord): void {
    this.trackMotion(task);
    const earlier = this.live.get(task.taskArn);
    if (earlier && isLive(task) && holdsTheSame(earlier, task)) {
      // Most puts are a step of the task's lifecycle that changes nothing counted here but
      // its status: placement sees no difference, so the instance's snapshot stays.
      this.live.set(task.taskArn, task);
      if (task.containerInstanceArn) {
        const usage = this.usageOf(task.containerInstanceArn);
        usage.tasks.set(task.taskArn, task);
        countStatus(usage, earlier.lastStatus, -1);
        countStatus(usage, task.lastStatus, 1);
      }
      return;
    }
    if (earlier) this.count(earlier, -1);
    const instanceArn = isLive(task) ? task.containerInstanceArn : undefined;
    // An updated task keeps its place among the instance's tasks, as it does in the state.
    if (earlier?.containerInstanceArn && earlier.containerInstanceArn !== instanceArn) {
      this.usageOf(earlier.containerInstanceArn).tasks.delete(task.taskArn);
    }
    if (instanceArn) this.usageOf(instanceArn).tasks.set(task.taskArn, task);
    if (isLive(task)) {
      this.live.set(task.taskArn, task);
      this.count(task, 1);
    } else {
      this.live.delete(task.taskArn);
    }
  }

  private trackMotion(task: TaskRecord): void {
    const arn = task.taskArn;
    if (task.lastStatus === 'STOPPED') {
      this.inMotion.delete(arn);
      this.stopped.set(arn, task.stoppedAt ?? 0);
      return;
    }
    this.stopped.delete(arn);
    if (task.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING')
      this.inMotion.delete(arn);
    else this.inMotion.add(arn);
  }

  private forget(taskArn: string): void {
    this.inMotion.delete(taskArn);
    this.stopped.delete(taskArn);
    const earlier = this.live.get(taskArn);
    if (!earlier) return;
    this.live.delete(taskArn);
    this.count(earlier, -1);
    if (earlier.containerInstanceArn) {
      this.usageOf(earlier.containerInstanceArn).tasks.delete(taskArn);
    }
  }

  /** Adds (1) or takes back (-1) what a live task holds; its membership is the caller's. */
  private count(task: TaskRecord, sign: 1 | -1): void {
    for (const ip of privateIpsOf(task)) bump(this.addresses, ip, sign);
    const zone = zoneKey(task.clusterArn, task.group ?? '', task.availabilityZone ?? '');
    bump(this.zoneTasks, zone, sign);
    if (!task.containerInstanceArn) return;
    const usage = this.usageOf(task.containerInstanceArn);
    usage.cpu += sign * task.cpuUnits;
    usage.memory += sign * task.memoryMiB;
    for (const { port, protocol } of task.reservedPorts) {
      bump(protocol === 'udp' ? usage.udpPorts : usage.tcpPorts, port, sign);
    }
    for (const container of task.containers) {
      for (const binding of container.networkBindings ?? []) {
        if (!binding.hostPort) continue;
        bump(binding.protocol === 'udp' ? usage.udpPorts : usage.tcpPorts, binding.hostPort, sign);
      }
    }
    bump(usage.groups, task.group ?? '', sign);
    countStatus(usage, task.lastStatus, sign);
    usage.snapshot = undefined;
    this.clusterPlacements.get(task.clusterArn)?.changed.add(task.containerInstanceArn);
  }

  private usageOf(instanceArn: string): InstanceUsage {
    let usage = this.usage.get(instanceArn);
    if (!usage) {
      usage = {
        tasks: new Map(),
        cpu: 0,
        memory: 0,
        tcpPorts: new Map(),
        udpPorts: new Map(),
        groups: new Map(),
        running: 0,
        pending: 0,
      };
      this.usage.set(instanceArn, usage);
    }
    return usage;
  }
}

interface ClusterPlacements {
  list: PlacementInstance[];
  positions: Map<string, number>;
  changed: Set<string>;
}

/**
 * The index of a state, built on first use. The control plane carries its index from one
 * state to the next as it applies changes ({@link carryUsageIndex}); any other state (a test's,
 * a draft) gets one built from scratch.
 */
const indexes = new WeakMap<EcsState, UsageIndex>();

export function usageIndexOf(state: EcsState): UsageIndex {
  let index = indexes.get(state);
  if (!index) {
    index = UsageIndex.build(state);
    indexes.set(state, index);
  }
  return index;
}

/**
 * For a state changed in place by `changes` and given the new identity `to`: its index, brought
 * up to date by those changes alone.
 */
export function carryUsageIndex(from: EcsState, to: EcsState, changes: readonly EcsChange[]) {
  const index = indexes.get(from);
  if (!index) return;
  for (const change of changes) index.apply(change);
  indexes.delete(from);
  indexes.set(to, index);
}

/** Each instance record's attributes by name, made once per record (it is never changed). */
const attributeMaps = new WeakMap<ContainerInstanceRecord, Record<string, string>>();

function attributesOf(instance: ContainerInstanceRecord): Record<string, string> {
  let attributes = attributeMaps.get(instance);
  if (!attributes) {
    attributes = Object.fromEntries(
      instance.attributes.map((attribute) => [attribute.name ?? '', attribute.value ?? '']),
    );
    attributeMaps.set(instance, attributes);
  }
  return attributes;
}

function countStatus(usage: InstanceUsage, status: string, sign: 1 | -1): void {
  if (status === 'RUNNING') usage.running += sign;
  if (pendingStatuses.has(status)) usage.pending += sign;
}

/**
 * Whether two live records of a task count the same in every figure of the index but the
 * running and pending counts.
 */
function holdsTheSame(earlier: TaskRecord, task: TaskRecord): boolean {
  return (
    earlier.containerInstanceArn === task.containerInstanceArn &&
    earlier.clusterArn === task.clusterArn &&
    earlier.group === task.group &&
    earlier.family === task.family &&
    earlier.serviceName === task.serviceName &&
    earlier.availabilityZone === task.availabilityZone &&
    earlier.cpuUnits === task.cpuUnits &&
    earlier.memoryMiB === task.memoryMiB &&
    earlier.reservedPorts === task.reservedPorts &&
    sameHostPorts(earlier.containers, task.containers) &&
    earlier.attachments === task.attachments
  );
}

/** Whether the containers bind the same host ports (a lifecycle step rewrites the list). */
function sameHostPorts(earlier: readonly ContainerRecord[], later: readonly ContainerRecord[]) {
  if (earlier === later) return true;
  if (earlier.length !== later.length) return false;
  for (let index = 0; index < earlier.length; index++) {
    const before = earlier[index]!.networkBindings ?? [];
    const after = later[index]!.networkBindings ?? [];
    if (before === after) continue;
    if (before.length !== after.length) return false;
    for (let binding = 0; binding < before.length; binding++) {
      if (
        before[binding]!.hostPort !== after[binding]!.hostPort ||
        before[binding]!.protocol !== after[binding]!.protocol
      ) {
        return false;
      }
    }
  }
  return true;
}

function privateIpsOf(task: TaskRecord): string[] {
  const ips: string[] = [];
  for (const detail of task.attachments?.[0]?.details ?? []) {
    if (detail.name === 'privateIPv4Address' && detail.value) ips.push(detail.value);
  }
  return ips;
}

function zoneKey(clusterArn: string, group: string, zone: string): string {
  return `${clusterArn}\n${group}\n${zone}`;
}

function bump<K>(counts: Map<K, number>, key: K, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next === 0) counts.delete(key);
  else counts.set(key, next);
}

function portUnion(registered: readonly number[], held: ReadonlyMap<number, number> | undefined) {
  // Registered ports are kept sorted; a record's are never changed, so they can be shared.
  if (!held || held.size === 0) return registered as number[];
  return [...new Set([...registered, ...held.keys()])].sort((a, b) => a - b);
}
