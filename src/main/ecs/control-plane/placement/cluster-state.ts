/**
 * The ACTIVE instances of one placement call and what the call has placed on them so far,
 * kept in flat arrays indexed by instance: a call over a thousand instances allocates a few
 * arrays, not an object per instance. The caller's instances are never changed.
 */
import type { QueryTarget } from './query-evaluate';
import type { PlacementInstance, PlacementRequest } from './types';

export type ResourceShortfall = 'CPU' | 'MEMORY' | 'PORTS';

export class ClusterState {
  readonly instances: readonly PlacementInstance[];
  readonly cpu: Float64Array;
  readonly memory: Float64Array;
  /** Tasks this call placed on each instance. */
  readonly placed: Int32Array;
  /** Tasks of the request's group on each instance, this call's included. */
  readonly groupTasks: Int32Array;
  /** Fixed host ports this call took, by instance; most calls take none. */
  private readonly takenPorts = new Map<number, { port: number; protocol: string }[]>();

  constructor(
    instances: readonly PlacementInstance[],
    readonly request: PlacementRequest,
    countGroupTasks: boolean,
  ) {
    this.instances = instances.filter((instance) => instance.status === 'ACTIVE');
    const count = this.instances.length;
    this.cpu = new Float64Array(count);
    this.memory = new Float64Array(count);
    this.placed = new Int32Array(count);
    this.groupTasks = new Int32Array(count);
    for (let index = 0; index < count; index++) {
      const instance = this.instances[index]!;
      this.cpu[index] = instance.remaining.cpu;
      this.memory[index] = instance.remaining.memory;
      if (!countGroupTasks) continue;
      let tasks = 0;
      for (const task of instance.tasks) if (task.group === request.group) tasks++;
      this.groupTasks[index] = tasks;
    }
  }

  get size(): number {
    return this.instances.length;
  }

  /** The first resource the task lacks, CPU before memory before ports, and by how much. */
  shortfall(index: number): { kind: ResourceShortfall; by: number } | undefined {
    const { cpu, memory, hostPorts } = this.request;
    if (this.cpu[index]! < cpu) return { kind: 'CPU', by: cpu - this.cpu[index]! };
    if (this.memory[index]! < memory) return { kind: 'MEMORY', by: memory - this.memory[index]! };
    let busy = 0;
    for (const { port, protocol } of hostPorts) {
      if (port !== 0 && this.portInUse(index, port, protocol)) busy++;
    }
    return busy > 0 ? { kind: 'PORTS', by: busy } : undefined;
  }

  place(index: number): void {
    this.cpu[index]! -= this.request.cpu;
    this.memory[index]! -= this.request.memory;
    this.placed[index]!++;
    this.groupTasks[index]!++;
    const fixed = this.request.hostPorts.filter(({ port }) => port !== 0);
    if (fixed.length > 0)
      this.takenPorts.set(index, [...(this.takenPorts.get(index) ?? []), ...fixed]);
  }

  private portInUse(index: number, port: number, protocol: 'tcp' | 'udp'): boolean {
    const { tcpPorts, udpPorts } = this.instances[index]!.remaining;
    if ((protocol === 'udp' ? udpPorts : tcpPorts).includes(port)) return true;
    const taken = this.takenPorts.get(index);
    return (
      taken !== undefined &&
      taken.some((entry) => entry.port === port && entry.protocol === protocol)
    );
  }
}

/** One instance of a {@link ClusterState} as the query language sees it, re-pointed per use. */
export class InstanceView implements QueryTarget {
  index = 0;

  constructor(private readonly cluster: ClusterState) {}

  at(index: number): this {
    this.index = index;
    return this;
  }

  private get instance(): PlacementInstance {
    return this.cluster.instances[this.index]!;
  }
  get ec2InstanceId() {
    return this.instance.ec2InstanceId;
  }
  get agentConnected() {
    return this.instance.agentConnected;
  }
  get agentVersion() {
    return this.instance.agentVersion;
  }
  get registeredAt() {
    return this.instance.registeredAt;
  }
  get attributes() {
    return this.instance.attributes;
  }
  get runningTasksCount() {
    return this.instance.tasks.length + this.cluster.placed[this.index]!;
  }

  someTaskGroup(test: (group: string) => boolean): boolean {
    if (this.cluster.placed[this.index]! > 0 && test(this.cluster.request.group)) return true;
    for (const task of this.instance.tasks) if (test(task.group)) return true;
    return false;
  }
}

/** The group's task count per value of a spread attribute, kept as tasks are placed. */
export class SpreadCounts {
  /** Each instance's value as a small number, so counting is array indexing. */
  private readonly bucketOf: Int32Array;
  private readonly counts: number[] = [];

  constructor(attribute: string, cluster: ClusterState) {
    const buckets = new Map<string | undefined, number>();
    this.bucketOf = new Int32Array(cluster.size);
    for (let index = 0; index < cluster.size; index++) {
      const value = cluster.instances[index]!.attributes[attribute];
      let bucket = buckets.get(value);
      if (bucket === undefined) {
        bucket = buckets.size;
        buckets.set(value, bucket);
        this.counts.push(0);
      }
      this.bucketOf[index] = bucket;
      this.counts[bucket]! += cluster.groupTasks[index]!;
    }
  }

  of(index: number): number {
    return this.counts[this.bucketOf[index]!]!;
  }

  add(index: number, tasks: number): void {
    this.counts[this.bucketOf[index]!]! += tasks;
  }
}
