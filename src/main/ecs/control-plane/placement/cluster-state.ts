import type { QueryTarget } from './query-evaluate';
import type { PlacementInstance, PlacementRequest } from './types';

export type ResourceShortfall = 'CPU' | 'MEMORY' | 'PORTS';

/**
 * The instances of one placement call and what the call has placed on them so far, kept in
 * flat arrays indexed as the caller's list: a call over a thousand instances allocates a few
 * arrays, not an object per instance. Only ACTIVE instances take tasks or count towards
 * spread; the others keep their place in the list, so that a call that looks at a few
 * instances need not pass over them all first. Every task of a call takes the same resources,
 * so what is left is the instance's figure less the call's tasks times the request. The
 * caller's instances are never changed.
 */
export class ClusterState {
  /**
   * Tasks this call placed on each instance (each took the request's CPU and memory): one
   * entry per instance for a call whose strategies score every candidate, or only the few
   * placed on for one that draws instances (a call places at most ten tasks).
   */
  private readonly placedEach: Int32Array | undefined;
  private readonly placedSome = new Map<number, number>();
  /** Tasks of the request's group on each instance before the call, when counted. */
  private readonly groupTasksBefore: number[] | undefined;

  constructor(
    readonly instances: readonly PlacementInstance[],
    readonly request: PlacementRequest,
    countGroupTasks: boolean,
    scoresEveryInstance = true,
  ) {
    this.placedEach = scoresEveryInstance ? new Int32Array(instances.length) : undefined;
    this.groupTasksBefore = countGroupTasks
      ? instances.map((instance) => {
          if (instance.status !== 'ACTIVE') return 0;
          if (instance.taskCountByGroup) return instance.taskCountByGroup.get(request.group) ?? 0;
          let tasks = 0;
          for (const task of instance.tasks) if (task.group === request.group) tasks++;
          return tasks;
        })
      : undefined;
  }

  isActive(index: number): boolean {
    return this.instances[index]!.status === 'ACTIVE';
  }

  /** Whether any instance is ACTIVE: a pass, made only when a call finds no candidate. */
  hasActive(): boolean {
    return this.instances.some((instance) => instance.status === 'ACTIVE');
  }

  get size(): number {
    return this.instances.length;
  }

  cpuLeft(index: number): number {
    return this.instances[index]!.remaining.cpu - this.placedOn(index) * this.request.cpu;
  }

  memoryLeft(index: number): number {
    return this.instances[index]!.remaining.memory - this.placedOn(index) * this.request.memory;
  }

  placedOn(index: number): number {
    return this.placedEach ? this.placedEach[index]! : (this.placedSome.get(index) ?? 0);
  }

  /** Tasks of the request's group on the instance, this call's included. */
  groupTasks(index: number): number {
    return (this.groupTasksBefore?.[index] ?? 0) + this.placedOn(index);
  }

  /** The first resource the task lacks, CPU before memory before ports, and by how much. */
  shortfall(index: number): { kind: ResourceShortfall; by: number } | undefined {
    const { cpu, memory, hostPorts } = this.request;
    const cpuLeft = this.cpuLeft(index);
    if (cpuLeft < cpu) return { kind: 'CPU', by: cpu - cpuLeft };
    const memoryLeft = this.memoryLeft(index);
    if (memoryLeft < memory) return { kind: 'MEMORY', by: memory - memoryLeft };
    let busy = 0;
    for (const { port, protocol } of hostPorts) {
      if (port !== 0 && this.portInUse(index, port, protocol)) busy++;
    }
    return busy > 0 ? { kind: 'PORTS', by: busy } : undefined;
  }

  place(index: number): void {
    if (this.placedEach) this.placedEach[index]!++;
    else this.placedSome.set(index, this.placedOn(index) + 1);
  }

  /** A task this call placed here holds the same fixed ports the next one asks for. */
  private portInUse(index: number, port: number, protocol: 'tcp' | 'udp'): boolean {
    if (this.placedOn(index) > 0) return true;
    const { tcpPorts, udpPorts } = this.instances[index]!.remaining;
    return (protocol === 'udp' ? udpPorts : tcpPorts).includes(port);
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
    return this.instance.tasks.length + this.cluster.placedOn(this.index);
  }

  someTaskGroup(test: (group: string) => boolean): boolean {
    if (this.cluster.placedOn(this.index) > 0 && test(this.cluster.request.group)) return true;
    for (const task of this.instance.tasks) if (test(task.group)) return true;
    return false;
  }
}

/** The group's task count per value of a spread attribute, kept as tasks are placed. */
export class SpreadCounts {
  /** Each instance's value as a small number, so counting is array indexing. */
  private readonly bucketOf: number[];
  private readonly counts: number[] = [];

  constructor(attribute: string, cluster: ClusterState) {
    const buckets = new Map<string | undefined, number>();
    this.bucketOf = cluster.instances.map((instance, index) => {
      const value = instance.attributes[attribute];
      let bucket = buckets.get(value);
      if (bucket === undefined) {
        bucket = buckets.size;
        buckets.set(value, bucket);
        this.counts.push(0);
      }
      // Tasks on instances that are not ACTIVE (draining) are on their way out.
      if (cluster.isActive(index)) this.counts[bucket]! += cluster.groupTasks(index);
      return bucket;
    });
  }

  of(index: number): number {
    return this.counts[this.bucketOf[index]!]!;
  }

  add(index: number, tasks: number): void {
    this.counts[this.bucketOf[index]!]! += tasks;
  }
}
