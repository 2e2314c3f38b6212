import { describe, expect, it } from 'vitest';
import { seededRandom, type Random } from './ids';
import {
  applyEcsChangeInPlace,
  emptyEcsState,
  type ContainerInstanceRecord,
  type EcsChange,
  type EcsState,
  type TaskRecord,
  type TaskStatus,
} from './state';
import { carryUsageIndex, UsageIndex, usageIndexOf } from './usage-index';

const cluster = 'arn:aws:ecs:us-east-1:000000000000:cluster/c';
const statuses: TaskStatus[] = ['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'STOPPING'];
const groups = ['family:web', 'family:job', 'service:api'];
const zones = ['us-east-1a', 'us-east-1b'];

/** Seeded changes of every kind the control plane makes to instances and tasks. */
function changeGenerator(random: Random) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const instances: ContainerInstanceRecord[] = [];
  const tasks = new Map<string, TaskRecord>();
  let next = 0;

  const newInstance = (): ContainerInstanceRecord => ({
    containerInstanceArn: `arn:aws:ecs:us-east-1:000000000000:container-instance/c/${next++}`,
    clusterArn: cluster,
    ec2InstanceId: `i-${next}`,
    status: 'ACTIVE',
    agentConnected: true,
    registeredAt: next,
    registered: { cpu: 4096, memory: 8192, tcpPorts: [22, 2375], udpPorts: [] },
    attributes: [{ name: 'ecs.availability-zone', value: pick(zones) }],
    tags: [],
    version: 1,
  });
  const port = () => pick([80, 443, 8080, 22]);
  const newTask = (): TaskRecord => {
    const instance = random() < 0.9 ? pick(instances) : undefined;
    const arn = `arn:aws:ecs:us-east-1:000000000000:task/c/${next++}`;
    return {
      taskArn: arn,
      clusterArn: cluster,
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1',
      family: 'web',
      group: pick(groups),
      ...(instance ? { containerInstanceArn: instance.containerInstanceArn } : {}),
      availabilityZone: pick(zones),
      lastStatus: pick(statuses),
      desiredStatus: 'RUNNING',
      containers: [],
      version: 1,
      networkMode: 'bridge',
      reservedPorts:
        random() < 0.3 ? [{ port: port(), protocol: pick(['tcp', 'udp'] as const) }] : [],
      cpuUnits: 128 * Math.floor(random() * 4),
      memoryMiB: 256 * Math.floor(random() * 4),
      attachments:
        random() < 0.3
          ? [
              {
                details: [
                  { name: 'privateIPv4Address', value: `10.0.0.${Math.floor(random() * 8)}` },
                ],
              },
            ]
          : [],
    };
  };
  const updated = (task: TaskRecord): TaskRecord => {
    const roll = random();
    if (roll < 0.3) return { ...task, lastStatus: 'STOPPED', desiredStatus: 'STOPPED' };
    if (roll < 0.6) {
      const hostPort = port();
      return {
        ...task,
        containers: [
          {
            containerArn: `${task.taskArn}/app`,
            name: 'app',
            lastStatus: 'RUNNING',
            essential: true,
            networkBindings: [{ hostPort, protocol: random() < 0.5 ? 'udp' : 'tcp' }],
          },
        ],
      };
    }
    return { ...task, lastStatus: pick(statuses), version: task.version + 1 };
  };

  return (): EcsChange => {
    const roll = random();
    if (instances.length === 0 || roll < 0.1) {
      const instance = newInstance();
      instances.push(instance);
      return { kind: 'containerInstance.put', containerInstance: instance };
    }
    if (roll < 0.2) {
      const index = Math.floor(random() * instances.length);
      const before = instances[index]!;
      const instance: ContainerInstanceRecord = {
        ...before,
        status: pick(['ACTIVE', 'DRAINING'] as const),
        agentConnected: random() < 0.8,
        registered: { ...before.registered, cpu: 1024 + Math.floor(random() * 4096) },
        version: before.version + 1,
      };
      instances[index] = instance;
      return { kind: 'containerInstance.put', containerInstance: instance };
    }
    const existing = [...tasks.values()];
    if (existing.length > 0 && roll < 0.3) {
      const task = pick(existing);
      tasks.delete(task.taskArn);
      return { kind: 'task.delete', arn: task.taskArn };
    }
    // A stopped task never runs again: it can only be forgotten.
    const live = existing.filter((task) => task.lastStatus !== 'STOPPED');
    const task = live.length > 0 && roll < 0.6 ? updated(pick(live)) : newTask();
    tasks.set(task.taskArn, task);
    return { kind: 'task.put', task };
  };
}

function expectSameUsage(state: EcsState, kept: UsageIndex): void {
  const fresh = UsageIndex.build(state);
  for (const instance of Object.values(state.containerInstances)) {
    const arn = instance.containerInstanceArn;
    expect(kept.tasksOn(arn).map((task) => task.taskArn)).toEqual(
      fresh.tasksOn(arn).map((task) => task.taskArn),
    );
    expect(kept.taskCountsOn(arn)).toEqual(fresh.taskCountsOn(arn));
    expect(kept.remaining(instance)).toEqual(fresh.remaining(instance));
    expect(kept.placementInstance(instance)).toEqual(fresh.placementInstance(instance));
  }
  expect(kept.placementInstancesOf(cluster)).toEqual(fresh.placementInstancesOf(cluster));
  expect([...kept.instancesOf(cluster)]).toEqual(
    Object.values(state.containerInstances).filter((i) => i.clusterArn === cluster),
  );
  for (const group of groups) {
    for (const zone of zones) {
      expect(kept.tasksInZone(cluster, group, zone)).toBe(fresh.tasksInZone(cluster, group, zone));
    }
  }
  expect(new Set(kept.tasksInMotion())).toEqual(new Set(fresh.tasksInMotion()));
  expect(new Map(kept.stoppedTasks())).toEqual(new Map(fresh.stoppedTasks()));
  const keptBook = kept.addressBook();
  const freshBook = fresh.addressBook();
  for (let host = 0; host < 8; host++) {
    expect(keptBook.has(`10.0.0.${host}`)).toBe(freshBook.has(`10.0.0.${host}`));
  }
}

describe('usage index', () => {
  it('kept change by change, equals one built from scratch after any sequence of changes', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const next = changeGenerator(seededRandom(seed));
      const state = emptyEcsState();
      const kept = UsageIndex.build(state);
      for (let step = 0; step < 300; step++) {
        const change = next();
        applyEcsChangeInPlace(state, change);
        kept.apply(change);
        // Snapshots are handed out between changes too, so a stale one would be caught.
        if (step % 7 === 0) expectSameUsage(state, kept);
      }
      expectSameUsage(state, kept);
    }
    // Six thousand compared steps: seconds on a loaded machine, which Vitest's default cuts off.
  }, 60_000);

  it('is carried from one state identity to the next as the control plane applies changes', () => {
    const next = changeGenerator(seededRandom(99));
    let state = emptyEcsState();
    const kept = usageIndexOf(state);
    for (let step = 0; step < 200; step++) {
      const changes = [next(), next()];
      for (const change of changes) applyEcsChangeInPlace(state, change);
      const renewed = { ...state };
      carryUsageIndex(state, renewed, changes);
      state = renewed;
      expect(usageIndexOf(state)).toBe(kept);
    }
    expectSameUsage(state, kept);
  });

  it('counts what live tasks hold on an instance and gives it back when they stop', () => {
    const state = emptyEcsState();
    const next = changeGenerator(seededRandom(5));
    const instanceChange = next() as Extract<EcsChange, { kind: 'containerInstance.put' }>;
    applyEcsChangeInPlace(state, instanceChange);
    const instance = instanceChange.containerInstance;
    const index = UsageIndex.build(state);
    const task: TaskRecord = {
      taskArn: 't1',
      clusterArn: cluster,
      taskDefinitionArn: 'd',
      family: 'web',
      group: 'family:web',
      containerInstanceArn: instance.containerInstanceArn,
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      containers: [],
      version: 1,
      networkMode: 'bridge',
      reservedPorts: [{ port: 80, protocol: 'tcp' }],
      cpuUnits: 512,
      memoryMiB: 1024,
    };
    const before = index.placementInstance(instance);
    index.apply({ kind: 'task.put', task });
    expect(index.remaining(instance)).toEqual({
      cpu: 4096 - 512,
      memory: 8192 - 1024,
      tcpPorts: [22, 80, 2375],
      udpPorts: [],
    });
    const during = index.placementInstance(instance);
    expect(during).not.toBe(before);
    expect(during.taskCountByGroup).toEqual(new Map([['family:web', 1]]));
    expect(index.placementInstance(instance)).toBe(during);
    index.apply({ kind: 'task.put', task: { ...task, lastStatus: 'STOPPED' } });
    expect(index.remaining(instance)).toEqual(before.remaining);
    expect(index.tasksOn(instance.containerInstanceArn)).toEqual([]);
  });
});
