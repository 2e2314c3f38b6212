import type {
  Attribute,
  ClusterSetting,
  Container,
  Tag,
  Task,
  TaskDefinition,
} from '@aws-sdk/client-ecs';

/**
 * The control plane's whole state: plain JSON (timestamps as epoch milliseconds), changed only
 * through `EcsChange` records so a journal of changes replays to the same state.
 */
export interface EcsState {
  schemaVersion: 1;
  clusters: Record<string, ClusterRecord>;
  containerInstances: Record<string, ContainerInstanceRecord>;
  taskDefinitions: Record<string, TaskDefinitionRecord>;
  /** The highest revision ever registered per family: revisions are never reused. */
  familyRevisions: Record<string, number>;
  tasks: Record<string, TaskRecord>;
  /**
   * The records of resource kinds that declare their own collection (see `collections.ts`):
   * by collection name, then by key. Absent until one is put.
   */
  collections?: Record<string, Record<string, unknown>>;
}

export interface ClusterRecord {
  clusterArn: string;
  clusterName: string;
  status: 'ACTIVE' | 'INACTIVE';
  tags: Tag[];
  settings: ClusterSetting[];
}

export interface InstanceResources {
  cpu: number;
  memory: number;
  tcpPorts: number[];
  udpPorts: number[];
}

export interface ContainerInstanceRecord {
  containerInstanceArn: string;
  clusterArn: string;
  ec2InstanceId: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  agentConnected: boolean;
  registeredAt: number;
  registered: InstanceResources;
  /** Every attribute, the standard `ecs.*` ones and the custom ones. */
  attributes: Attribute[];
  tags: Tag[];
  version: number;
}

export type TaskDefinitionRecord = Omit<
  TaskDefinition,
  'registeredAt' | 'deregisteredAt' | 'deleteRequestedAt'
> & {
  taskDefinitionArn: string;
  family: string;
  revision: number;
  status: 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';
  registeredAt: number;
  deregisteredAt?: number;
  deleteRequestedAt?: number;
  tags: Tag[];
};

export const taskTimeFields = [
  'createdAt',
  'pullStartedAt',
  'pullStoppedAt',
  'startedAt',
  'connectivityAt',
  'stoppingAt',
  'executionStoppedAt',
  'stoppedAt',
] as const;
export type TaskTimeField = (typeof taskTimeFields)[number];

export type TaskStatus =
  | 'PROVISIONING'
  | 'PENDING'
  | 'ACTIVATING'
  | 'RUNNING'
  | 'DEACTIVATING'
  | 'STOPPING'
  | 'DEPROVISIONING'
  | 'STOPPED';

export type ContainerRecord = Container & {
  containerArn: string;
  name: string;
  lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED';
  essential: boolean;
  /** Whether the container's definition has a health check (the control plane's own). */
  healthChecked?: boolean;
};

export type TaskRecord = Omit<
  Task,
  TaskTimeField | 'containers' | 'lastStatus' | 'desiredStatus'
> & {
  [K in TaskTimeField]?: number;
} & {
  taskArn: string;
  clusterArn: string;
  taskDefinitionArn: string;
  lastStatus: TaskStatus;
  desiredStatus: 'RUNNING' | 'STOPPED';
  containers: ContainerRecord[];
  version: number;
  networkMode: string;
  /** The family of the task definition, for ListTasks and placement. */
  family: string;
  serviceName?: string;
  /** Host ports this task holds on its instance (static ones, for placement). */
  reservedPorts: { port: number; protocol: 'tcp' | 'udp' }[];
  cpuUnits: number;
  memoryMiB: number;
};

export type EcsChange =
  | { kind: 'cluster.put'; cluster: ClusterRecord }
  | { kind: 'containerInstance.put'; containerInstance: ContainerInstanceRecord }
  | { kind: 'taskDefinition.put'; taskDefinition: TaskDefinitionRecord }
  | { kind: 'taskDefinition.delete'; arn: string }
  | { kind: 'task.put'; task: TaskRecord }
  | { kind: 'task.delete'; arn: string }
  | { kind: 'record.put'; collection: string; key: string; record: unknown }
  | { kind: 'record.delete'; collection: string; key: string };

/**
 * A change as the journal keeps it: a task put whose task the state already holds is written
 * as the members that differ (most lifecycle steps change a status and a time of a record of
 * a kilobyte or more), which replays to a record equal to the one put.
 */
export type EcsJournalChange = EcsChange | TaskPatch;

export interface TaskPatch {
  kind: 'task.patch';
  arn: string;
  set: Partial<TaskRecord>;
  unset: string[];
  /**
   * The record the patch makes, when it was made from one: not journalled (not enumerable),
   * so the store that applies the patch as it is written keeps that very record rather than
   * building an equal one; a patch read back from the journal builds it.
   */
  readonly record?: TaskRecord;
}

/** Records made by {@link deriveTask}: the record each was made from and the members given. */
const derivations = new WeakMap<
  TaskRecord,
  { from: TaskRecord; members: Readonly<Record<string, unknown>> }
>();

/**
 * `from` with `members` put in: what a lifecycle step makes. Its journal patch is then made
 * from those members alone rather than by comparing every member of the two records.
 */
export function deriveTask(from: TaskRecord, members: Partial<TaskRecord>): TaskRecord {
  const task = { ...from, ...members } as TaskRecord;
  derivations.set(task, { from, members });
  return task;
}

/**
 * The changes in their journal form, against the state they are about to be applied to: a
 * member counts as unchanged when it is the same value or the same object (records are
 * replaced, never changed, so an unchanged part is shared).
 */
export function journalChanges(state: EcsState, changes: readonly EcsChange[]): EcsJournalChange[] {
  const latest = new Map<string, TaskRecord | undefined>();
  return changes.map((change): EcsJournalChange => {
    if (change.kind === 'task.delete') latest.set(change.arn, undefined);
    if (change.kind !== 'task.put') return change;
    const { task } = change;
    const previous = latest.has(task.taskArn)
      ? latest.get(task.taskArn)
      : ownEntry(state.tasks, task.taskArn);
    latest.set(task.taskArn, task);
    if (!previous) return change;
    const set: Record<string, unknown> = {};
    const unset: string[] = [];
    const before = previous as unknown as Record<string, unknown>;
    const after = task as unknown as Record<string, unknown>;
    const derived = derivations.get(task);
    // Made from the very record it replaces: every other member is the same by construction.
    const changed = derived?.from === previous ? Object.keys(derived.members) : undefined;
    for (const key of changed ?? Object.keys(after)) {
      if (after[key] !== before[key] && after[key] !== undefined) set[key] = after[key];
    }
    for (const key of changed ?? Object.keys(before)) {
      if (before[key] !== undefined && after[key] === undefined) unset.push(key);
    }
    const patch: TaskPatch = {
      kind: 'task.patch',
      arn: task.taskArn,
      set: set as Partial<TaskRecord>,
      unset,
    };
    return Object.defineProperty(patch, 'record', { value: task, enumerable: false });
  });
}

/** Applies a journal change to `state` itself (see {@link applyEcsChangeInPlace}). */
export function applyEcsJournalChange(state: EcsState, change: EcsJournalChange): EcsState {
  if (change.kind !== 'task.patch') return applyEcsChangeInPlace(state, change);
  const previous = ownEntry(state.tasks, change.arn);
  if (!previous) throw new Error(`The journal patches task ${change.arn}, which it does not hold`);
  if (change.record) {
    state.tasks[change.arn] = change.record;
    return state;
  }
  const patched: Record<string, unknown> = { ...previous, ...change.set };
  for (const key of change.unset) delete patched[key];
  state.tasks[change.arn] = patched as TaskRecord;
  return state;
}

/**
 * The entry of a state map under a key a caller chose: a name such as `constructor` must not
 * find what every object inherits.
 */
export function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function emptyEcsState(): EcsState {
  return {
    schemaVersion: 1,
    clusters: {},
    containerInstances: {},
    taskDefinitions: {},
    familyRevisions: {},
    tasks: {},
  };
}

/**
 * A copy of `state` whose maps can be changed without touching `state`: one shallow copy per
 * map, so a batch of changes costs one copy, not one per change.
 */
export function draftEcsState(state: EcsState): EcsState {
  return {
    ...state,
    clusters: { ...state.clusters },
    containerInstances: { ...state.containerInstances },
    taskDefinitions: { ...state.taskDefinitions },
    familyRevisions: { ...state.familyRevisions },
    tasks: { ...state.tasks },
    ...(state.collections ? { collections: draftCollections(state.collections) } : {}),
  };
}

function draftCollections(
  collections: Record<string, Record<string, unknown>>,
): Record<string, Record<string, unknown>> {
  const draft: Record<string, Record<string, unknown>> = {};
  for (const name of Object.keys(collections)) draft[name] = { ...collections[name] };
  return draft;
}

/**
 * Applies one change to `state` itself and returns it: what the control plane and the store do
 * with committed changes, at a cost that does not grow with the state. Every change is an
 * idempotent put or delete.
 */
export function applyEcsChangeInPlace(state: EcsState, change: EcsChange): EcsState {
  switch (change.kind) {
    case 'cluster.put':
      state.clusters[change.cluster.clusterArn] = change.cluster;
      break;
    case 'containerInstance.put':
      state.containerInstances[change.containerInstance.containerInstanceArn] =
        change.containerInstance;
      break;
    case 'taskDefinition.put': {
      const definition = change.taskDefinition;
      state.taskDefinitions[definition.taskDefinitionArn] = definition;
      state.familyRevisions[definition.family] = Math.max(
        ownEntry(state.familyRevisions, definition.family) ?? 0,
        definition.revision,
      );
      break;
    }
    case 'taskDefinition.delete':
      delete state.taskDefinitions[change.arn];
      break;
    case 'task.put':
      state.tasks[change.task.taskArn] = change.task;
      break;
    case 'task.delete':
      delete state.tasks[change.arn];
      break;
    case 'record.put': {
      const collections = (state.collections ??= {});
      const records = ownEntry(collections, change.collection) ?? {};
      collections[change.collection] = records;
      records[change.key] = change.record;
      break;
    }
    case 'record.delete': {
      const records = state.collections && ownEntry(state.collections, change.collection);
      if (records) delete records[change.key];
      break;
    }
  }
  return state;
}

/** The state after one change; never mutates `state`. */
export function applyEcsChange(state: EcsState, change: EcsChange): EcsState {
  return applyEcsChangeInPlace(draftEcsState(state), change);
}

/** The state after a batch of changes, copied once; never mutates `state`. */
export function applyEcsChanges(state: EcsState, changes: readonly EcsChange[]): EcsState {
  if (changes.length === 0) return state;
  const draft = draftEcsState(state);
  for (const change of changes) applyEcsChangeInPlace(draft, change);
  return draft;
}
