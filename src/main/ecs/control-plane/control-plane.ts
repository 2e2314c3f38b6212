import type * as Ecs from '@aws-sdk/client-ecs';
import type { Clock, TimerHandle } from '../../lib/clock';
import type { EcsRuntime, RuntimeEvent } from '../runtime/runtime';
import { defaultEcsSettings, type EcsSettings } from './arns';
import * as attributes from './attributes';
import * as clusters from './clusters';
import type { Outcome, PlaneContext } from './context';
import { seededRandom, type Random } from './ids';
import * as instances from './instances';
import { reconcileChanges } from './reconcile';
import { runtimeSpecOf, stopTimeoutOf } from './runtime-bridge';
import {
  applyEcsChangeInPlace,
  draftEcsState,
  emptyEcsState,
  type EcsChange,
  type EcsState,
} from './state';
import * as tags from './tags';
import * as taskDefinitions from './task-definitions/operations';
import * as run from './tasks/run';
import * as tasks from './tasks/views';

export interface EcsControlPlaneOptions {
  clock: Clock;
  runtime: EcsRuntime;
  settings?: Partial<EcsSettings>;
  random?: Random;
  /** The state to start from (as the store loaded it); empty when absent. */
  state?: EcsState;
  /** Makes changes durable; an operation answers only once its changes are persisted. */
  persist?: (changes: readonly EcsChange[]) => Promise<void>;
  /** How often the reconcile loop runs on `clock`. */
  reconcileIntervalMs?: number;
  /** Where a failed background reconcile pass is reported. */
  onError?: (error: unknown) => void;
}

export type EcsChangeListener = (changes: readonly EcsChange[], state: EcsState) => void;

/**
 * The simulated ECS control plane: one async method per ECS API operation (taking and
 * answering the SDK's shapes, validating its own input, throwing EcsApiError as ECS would),
 * plus the simulation's own controls. State changes only through EcsChange records, each
 * batch persisted before the operation answers; a reconcile loop on the injected clock turns
 * runtime events and time into task state.
 */
export class EcsControlPlane {
  readonly settings: EcsSettings;
  private current: EcsState;
  private readonly clock: Clock;
  private readonly runtime: EcsRuntime;
  private readonly random: Random;
  private readonly persist?: (changes: readonly EcsChange[]) => Promise<void>;
  private readonly onError: (error: unknown) => void;
  private readonly intervalMs: number;
  private readonly listeners = new Set<EcsChangeListener>();
  private readonly events: RuntimeEvent[] = [];
  /** Tasks handed to the runtime, and those it was told to stop: actual, not desired, state. */
  private readonly started = new Set<string>();
  private readonly stopSent = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  private timer: TimerHandle | undefined;
  private readonly unsubscribe: () => void;

  constructor(options: EcsControlPlaneOptions) {
    this.clock = options.clock;
    this.runtime = options.runtime;
    this.settings = { ...defaultEcsSettings, ...options.settings };
    this.random = options.random ?? seededRandom(options.clock.now());
    // Its own copy: committed changes are applied to it in place.
    this.current = options.state ? draftEcsState(options.state) : emptyEcsState();
    this.persist = options.persist;
    this.onError = options.onError ?? ((error) => console.error('ECS reconcile failed', error));
    this.intervalMs = options.reconcileIntervalMs ?? 500;
    this.unsubscribe = this.runtime.onEvent((event) => this.events.push(event));
    this.resumeRestoredTasks();
    this.schedule();
  }

  /** The whole state as it is (plain JSON; do not mutate). */
  get state(): EcsState {
    return this.current;
  }

  /** Follows every committed batch of changes; returns the unsubscribe. */
  subscribe(listener: EcsChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the reconcile loop and stops listening to the runtime. */
  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.unsubscribe();
  }

  /** One reconcile pass now: runtime events, then each task one step towards its desired status. */
  tick(): Promise<void> {
    return this.exclusive(async () => {
      const events = this.events.splice(0);
      for (const event of events) {
        if (event.kind === 'container.running') this.stopSent.delete(event.taskArn);
      }
      try {
        await this.commit(reconcileChanges(this.current, events, this.clock.now()));
      } catch (error) {
        // Nothing of the pass was kept: its events wait for the next one.
        this.events.unshift(...events);
        throw error;
      }
    });
  }

  /**
   * Tasks of a restored state that had reached the runtime: those meant to run are handed to
   * it again (it adopts their containers, or starts them afresh), those on their way out are
   * stopped (it reports what it no longer has).
   */
  private resumeRestoredTasks(): void {
    for (const task of Object.values(this.current.tasks)) {
      if (task.lastStatus === 'STOPPED' || task.lastStatus === 'PROVISIONING') continue;
      if (task.lastStatus === 'PENDING' && task.desiredStatus === 'RUNNING') continue;
      this.started.add(task.taskArn);
      const spec = runtimeSpecOf(this.current, task);
      if (task.desiredStatus === 'RUNNING' && spec) this.runtime.startTask(spec);
    }
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(() => {
      this.schedule();
      this.tick().catch(this.onError);
    }, this.intervalMs);
  }

  private context(): PlaneContext {
    return {
      state: this.current,
      settings: this.settings,
      now: this.clock.now(),
      random: this.random,
    };
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async commit(changes: EcsChange[]): Promise<void> {
    if (changes.length > 0) {
      // Durable first: a change the store refused never reaches the state.
      await this.persist?.(changes);
      for (const change of changes) applyEcsChangeInPlace(this.current, change);
      // A new identity for the changed state: indexes computed per state must not be reused.
      this.current = { ...this.current };
      for (const listener of this.listeners) listener(changes, this.current);
    }
    this.driveRuntime();
  }

  private mutate<T>(operation: (ctx: PlaneContext) => Outcome<T>): Promise<T> {
    return this.exclusive(async () => {
      const { result, changes } = operation(this.context());
      await this.commit(changes);
      return result;
    });
  }

  private async read<T>(query: (ctx: PlaneContext) => T): Promise<T> {
    return query(this.context());
  }

  /** Brings the runtime in line with the tasks: start what is PENDING, stop what is STOPPING. */
  private driveRuntime(): void {
    const state = this.current;
    for (const task of Object.values(state.tasks)) {
      const arn = task.taskArn;
      if (
        task.lastStatus === 'PENDING' &&
        task.desiredStatus === 'RUNNING' &&
        !this.started.has(arn)
      ) {
        const spec = runtimeSpecOf(state, task);
        if (!spec) continue;
        this.started.add(arn);
        this.runtime.startTask(spec);
      } else if (
        task.lastStatus === 'STOPPING' &&
        this.started.has(arn) &&
        !this.stopSent.has(arn)
      ) {
        this.stopSent.add(arn);
        this.runtime.stopTask(arn, stopTimeoutOf(state, task));
      } else if (
        task.lastStatus === 'STOPPED' &&
        this.started.has(arn) &&
        !this.stopSent.has(arn)
      ) {
        // Lost with its instance: nothing is left to stop gracefully.
        this.stopSent.add(arn);
        this.runtime.stopTask(arn, 0);
      }
    }
    for (const arn of this.started) {
      if (state.tasks[arn]) continue;
      this.started.delete(arn);
      this.stopSent.delete(arn);
      this.runtime.forgetTask(arn);
    }
  }

  // Clusters
  createCluster = (input: Ecs.CreateClusterRequest = {}) =>
    this.mutate((ctx) => clusters.createCluster(ctx, input));
  deleteCluster = (input: Ecs.DeleteClusterRequest) =>
    this.mutate((ctx) => clusters.deleteCluster(ctx, input));
  describeClusters = (input: Ecs.DescribeClustersRequest = {}) =>
    this.read((ctx) => clusters.describeClusters(ctx, input));
  listClusters = (input: Ecs.ListClustersRequest = {}) =>
    this.read((ctx) => clusters.listClusters(ctx, input));

  // Container instances
  registerContainerInstance = (input: Ecs.RegisterContainerInstanceRequest) =>
    this.mutate((ctx) => instances.registerContainerInstance(ctx, input));
  deregisterContainerInstance = (input: Ecs.DeregisterContainerInstanceRequest) =>
    this.mutate((ctx) => instances.deregisterContainerInstance(ctx, input));
  describeContainerInstances = (input: Ecs.DescribeContainerInstancesRequest) =>
    this.read((ctx) => instances.describeContainerInstances(ctx, input));
  listContainerInstances = (input: Ecs.ListContainerInstancesRequest = {}) =>
    this.read((ctx) => instances.listContainerInstances(ctx, input));
  updateContainerInstancesState = (input: Ecs.UpdateContainerInstancesStateRequest) =>
    this.mutate((ctx) => instances.updateContainerInstancesState(ctx, input));
  /** Simulated EC2 instances of a type in a zone, registered with the cluster. */
  launchInstances = (input: instances.LaunchInstancesInput) =>
    this.mutate((ctx) => instances.launchInstances(ctx, input));
  /** Disconnects (its tasks are lost) or reconnects an instance's agent. */
  setAgentConnected = (cluster: string, containerInstance: string, connected: boolean) =>
    this.mutate((ctx) => instances.setAgentConnected(ctx, cluster, containerInstance, connected));

  // Task definitions
  registerTaskDefinition = (input: Ecs.RegisterTaskDefinitionRequest) =>
    this.mutate((ctx) => taskDefinitions.registerTaskDefinition(ctx, input));
  deregisterTaskDefinition = (input: Ecs.DeregisterTaskDefinitionRequest) =>
    this.mutate((ctx) => taskDefinitions.deregisterTaskDefinition(ctx, input));
  deleteTaskDefinitions = (input: Ecs.DeleteTaskDefinitionsRequest) =>
    this.mutate((ctx) => taskDefinitions.deleteTaskDefinitions(ctx, input));
  describeTaskDefinition = (input: Ecs.DescribeTaskDefinitionRequest) =>
    this.read((ctx) => taskDefinitions.describeTaskDefinition(ctx, input));
  listTaskDefinitions = (input: Ecs.ListTaskDefinitionsRequest = {}) =>
    this.read((ctx) => taskDefinitions.listTaskDefinitions(ctx, input));
  listTaskDefinitionFamilies = (input: Ecs.ListTaskDefinitionFamiliesRequest = {}) =>
    this.read((ctx) => taskDefinitions.listTaskDefinitionFamilies(ctx, input));

  // Tasks
  runTask = (input: Ecs.RunTaskRequest) => this.mutate((ctx) => run.runTask(ctx, input));
  startTask = (input: Ecs.StartTaskRequest) => this.mutate((ctx) => run.startTask(ctx, input));
  stopTask = (input: Ecs.StopTaskRequest) => this.mutate((ctx) => tasks.stopTask(ctx, input));
  describeTasks = (input: Ecs.DescribeTasksRequest) =>
    this.read((ctx) => tasks.describeTasks(ctx, input));
  listTasks = (input: Ecs.ListTasksRequest = {}) => this.read((ctx) => tasks.listTasks(ctx, input));

  // Tags and attributes
  tagResource = (input: Ecs.TagResourceRequest) =>
    this.mutate((ctx) => tags.tagResource(ctx, input));
  untagResource = (input: Ecs.UntagResourceRequest) =>
    this.mutate((ctx) => tags.untagResource(ctx, input));
  listTagsForResource = (input: Ecs.ListTagsForResourceRequest) =>
    this.read((ctx) => tags.listTagsForResource(ctx, input));
  putAttributes = (input: Ecs.PutAttributesRequest) =>
    this.mutate((ctx) => attributes.putAttributes(ctx, input));
  deleteAttributes = (input: Ecs.DeleteAttributesRequest) =>
    this.mutate((ctx) => attributes.deleteAttributes(ctx, input));
  listAttributes = (input: Ecs.ListAttributesRequest) =>
    this.read((ctx) => attributes.listAttributes(ctx, input));
}
