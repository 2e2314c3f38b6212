import type { Clock, TimerHandle } from '../../../lib/clock';
import type { LoadBalancerEvent } from './load-balancer-port';
import type { AutoScalingMetricsEvent } from './metrics-port';
import type { EcsRuntime, PlaneEvent } from './runtime-port';
import { defaultEcsSettings, type EcsSettings } from './arns';
import { EcsApiError } from './ecs-api-error';
import { seededRandom, type Random } from './ids';
import * as instances from '../instances/operations';
import { runtimeSpecOf, stopTimeoutOf } from '../tasks/runtime-spec';
import { setZoneAvailable } from '../zones/outages';
import {
  applyEcsChangeInPlace,
  draftEcsState,
  emptyEcsState,
  ownEntry,
  type EcsChange,
  type EcsState,
} from './state';
import { carryUsageIndex } from './usage-index';
import { ecsControllers, ecsOperations, methodName, type EcsControlPlaneApi } from '../registry';
import { deepFreeze, type Outcome, type PlaneContext } from './context';
import type { AnyOperation } from './resource-module';

export interface EcsControlPlaneOptions {
  clock: Clock;
  runtime: EcsRuntime;
  settings?: Partial<EcsSettings>;
  random?: Random;
  /** The state to start from (as the store loaded it); empty when absent. */
  state?: EcsState;
  /**
   * Makes changes durable, called in the order they are applied; an operation answers only
   * once its changes and all before them are persisted.
   */
  persist?: (changes: readonly EcsChange[]) => Promise<void>;
  /**
   * Freezes every record as it is committed, so code that changes a record in place (rather
   * than replacing it, which the caches of views and wire forms rely on) fails loudly. For tests.
   */
  freezeRecords?: boolean;
  /** How often the reconcile loop runs on `clock`. */
  reconcileIntervalMs?: number;
  /**
   * When set, a pass also follows this soon after runtime events, a call's changes, or a pass
   * that moved a task (one coalesced pass for all that arrived meanwhile), rather than waiting
   * for the interval; never sooner after a pass than that pass took, so a flood of events
   * leaves the event loop free at least half the time.
   */
  promptPassMs?: number;
  /** Where a failed background reconcile pass is reported. */
  onError?: (error: unknown) => void;
}

export type EcsChangeListener = (changes: readonly EcsChange[], state: EcsState) => void;

/**
 * The simulated ECS control plane: one async method per ECS API operation (taking and
 * answering the SDK's shapes, validating its own input, throwing EcsApiError as ECS would),
 * plus the simulation's own controls. State changes only through EcsChange records; a
 * reconcile loop on the injected clock turns runtime events and time into task state.
 *
 * Durability: an operation runs synchronously on the state as it is, applies its changes at
 * once and hands them to `persist` in the same order, then answers only once every change
 * applied so far is durable. Operations therefore never wait for each other's disk writes
 * (the store commits the changes of many in one fsync), yet none answers with anything that
 * could still be lost: a read, or a refusal, reflects changes it saw, so it too waits for
 * them to be durable (at no cost when nothing is pending). The runtime is driven, and
 * listeners told, only once the changes that called for it are durable.
 *
 * A failed persist is fail-stop. Its changes (and any applied after them) are in memory but
 * may not be on disk, and undoing them is not possible once later operations built on them,
 * so the control plane stops answering: that operation, every one waiting for it and every
 * later one reject with ServerException, and nothing more reaches the runtime. What was
 * acknowledged is durable; restarting recovers it from the store.
 */
class ControlPlaneShell {
  readonly settings: EcsSettings;
  private current: EcsState;
  private readonly clock: Clock;
  private readonly runtime: EcsRuntime;
  private readonly random: Random;
  private readonly persist?: (changes: readonly EcsChange[]) => Promise<void>;
  private readonly onError: (error: unknown) => void;
  private readonly intervalMs: number;
  private readonly freezeRecords: boolean;
  private readonly listeners = new Set<EcsChangeListener>();
  private readonly events: PlaneEvent[] = [];
  /** Tasks handed to the runtime, and those it was told to stop: actual, not desired, state. */
  private readonly started = new Set<string>();
  private readonly stopSent = new Set<string>();
  /** Batches of changes applied, and how many of them (in order) are durable. */
  private applied = 0;
  private durable = 0;
  /** Settles once every applied batch is durable; rejects once one has failed. */
  private written: Promise<void> = Promise.resolve();
  private failure: EcsApiError | undefined;
  /**
   * Tasks the runtime may need to hear about: those each batch changed, in batch order (so a
   * batch that becomes durable hands over its own, without a pass over every task still
   * waiting), the latest batch that changed each, and those due whatever their batch (restored
   * ones, one that cannot start yet, one whose stop must be sent again).
   */
  private readonly dueBatches: { batch: number; arns: string[] }[] = [];
  private readonly latestChange = new Map<string, number>();
  private readonly dueNow = new Set<string>();
  private timer: TimerHandle | undefined;
  /** When the timer fires, and when the last pass ended and how long it took (on `clock`). */
  private timerDueAt = 0;
  private lastPassEndedAt = 0;
  private lastPassTookMs = 0;
  private readonly promptPassMs: number | undefined;
  /** Set while a pass runs; what asks for another meanwhile is served once it ends. */
  private passing = false;
  private passWanted = false;
  /** Once disposed, changes still becoming durable no longer reach the runtime. */
  private disposed = false;
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
    this.freezeRecords = options.freezeRecords ?? false;
    this.promptPassMs = options.promptPassMs;
    this.unsubscribe = this.runtime.onEvent((event) => {
      this.events.push(event);
      this.passSoon();
    });
    this.addOperationMethods();
    this.resumeRestoredTasks();
    this.schedule(this.intervalMs);
  }

  /** The whole state as it is, durable or not yet (plain JSON; do not mutate). */
  get state(): EcsState {
    return this.current;
  }

  /** Follows every durable batch of changes; returns the unsubscribe. */
  subscribe(listener: EcsChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the reconcile loop and stops listening to the runtime. */
  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.unsubscribe();
  }

  /**
   * A load balancer target's health changed or its drain ended, or a metric period closed: acted on at the next
   * reconcile pass.
   */
  report(event: LoadBalancerEvent | AutoScalingMetricsEvent): void {
    this.events.push(event);
    this.passSoon();
  }

  /** One reconcile pass now: runtime events, then each task one step towards its desired status. */
  tick(): Promise<void> {
    return this.answer(() => {
      const startedAt = this.clock.now();
      this.passing = true;
      this.passWanted = false;
      const events = this.events.splice(0);
      for (const event of events) {
        if (event.kind === 'container.running' && this.stopSent.delete(event.taskArn)) {
          if (!this.latestChange.has(event.taskArn)) this.dueNow.add(event.taskArn);
        }
      }
      // The controllers in turn, each on the state as the ones before it left it; the pass's
      // changes are one batch.
      const pass: EcsChange[] = [];
      try {
        for (const controller of ecsControllers) {
          const changes = controller(this.context(), events);
          this.applyInPlace(changes);
          pass.push(...changes);
        }
      } catch (error) {
        this.passing = false;
        // Nothing of the pass was applied: its events wait for the next one. What was applied
        // is committed like any batch.
        if (pass.length === 0) this.events.unshift(...events);
        else this.persistBatch(pass);
        throw error;
      }
      this.persistBatch(pass);
      this.driveRuntime();
      this.passing = false;
      this.lastPassEndedAt = this.clock.now();
      this.lastPassTookMs = this.lastPassEndedAt - startedAt;
      // A task that moved may let the next controller step (a service replaces or stops the
      // next batch), so the loop looks again soon rather than an interval later.
      if (this.passWanted || pass.some((change) => change.kind === 'task.put')) this.passSoon();
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
      // Looked at again by the first drive of the runtime (a stop to send, a start to make).
      this.dueNow.add(task.taskArn);
      if (task.lastStatus === 'PENDING' && task.desiredStatus === 'RUNNING') continue;
      this.started.add(task.taskArn);
      const spec = runtimeSpecOf(this.current, task);
      if (task.desiredStatus === 'RUNNING' && spec) this.runtime.startTask(spec);
    }
  }

  /** The one timer of the loop, set to fire in `delayMs`; the pass it runs sets the next. */
  private schedule(delayMs: number): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timerDueAt = this.clock.now() + delayMs;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.schedule(this.intervalMs);
      this.tick().catch((error: unknown) => {
        // A failed store was reported when it failed; every later pass refuses the same way.
        if (error !== this.failure) this.onError(error);
      });
    }, delayMs);
  }

  /**
   * Brings the next pass forward to `promptPassMs` from now (coalescing whatever arrives
   * until then), but no sooner after the last pass than it took.
   */
  private passSoon(): void {
    if (this.promptPassMs === undefined || this.disposed || this.failure) return;
    if (this.passing) {
      this.passWanted = true;
      return;
    }
    const now = this.clock.now();
    const dueAt = Math.max(now + this.promptPassMs, this.lastPassEndedAt + this.lastPassTookMs);
    if (dueAt < this.timerDueAt) this.schedule(dueAt - now);
  }

  private context(): PlaneContext {
    return {
      state: this.current,
      settings: this.settings,
      now: this.clock.now(),
      random: this.random,
    };
  }

  /**
   * Runs `work` now and settles with its outcome once every change applied so far (its own
   * included) is durable, or with the failure if one of them cannot be.
   */
  private answer<T>(work: () => T): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    let outcome: { value: T } | { error: unknown };
    try {
      outcome = { value: work() };
    } catch (error) {
      outcome = { error };
    }
    const settle = (): T => {
      if ('error' in outcome) throw outcome.error;
      return outcome.value;
    };
    if (this.applied === this.durable) {
      return 'error' in outcome ? Promise.reject(outcome.error) : Promise.resolve(outcome.value);
    }
    return this.written.then(settle);
  }

  /** Applies a batch and hands it to `persist`; the batch becomes durable in order. */
  private commit(changes: readonly EcsChange[]): void {
    this.applyInPlace(changes);
    this.persistBatch(changes);
    if (changes.length > 0) this.passSoon();
  }

  /** Applies changes to the state, which takes a new identity (its usage index carried along). */
  private applyInPlace(changes: readonly EcsChange[]): void {
    if (changes.length === 0) return;
    const before = this.current;
    for (const change of changes) {
      applyEcsChangeInPlace(before, this.freezeRecords ? deepFreeze(change) : change);
    }
    this.current = { ...before };
    carryUsageIndex(before, this.current, changes);
  }

  /** Hands applied changes to `persist` as one batch, durable in order. */
  private persistBatch(changes: readonly EcsChange[]): void {
    if (changes.length === 0) return;
    const batch = ++this.applied;
    const changed: string[] = [];
    for (const change of changes) {
      const arn =
        change.kind === 'task.put'
          ? change.task.taskArn
          : change.kind === 'task.delete'
            ? change.arn
            : undefined;
      if (arn === undefined) continue;
      this.latestChange.set(arn, batch);
      changed.push(arn);
    }
    if (changed.length > 0) this.dueBatches.push({ batch, arns: changed });
    let persisted: Promise<void>;
    try {
      persisted = this.persist?.(changes) ?? Promise.resolve();
    } catch (error) {
      persisted = Promise.reject(error as Error);
    }
    const durable = Promise.all([this.written, persisted]).then(
      () => this.onDurable(batch, changes),
      (error: unknown) => {
        throw this.fail(error);
      },
    );
    // Handled here so that a failure nobody waits for is not an unhandled rejection.
    durable.catch(() => undefined);
    this.written = durable;
  }

  private onDurable(batch: number, changes: readonly EcsChange[]): void {
    this.durable = batch;
    this.driveRuntime();
    this.forgetDeletedClusters(changes);
    for (const listener of this.listeners) listener(changes, this.current);
  }

  private fail(cause: unknown): EcsApiError {
    if (!this.failure) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      this.failure = new EcsApiError(
        'ServerException',
        `The control plane could not save a change (${reason}) and answers nothing more: restart it to continue from what was saved.`,
      );
      this.onError(cause);
    }
    return this.failure;
  }

  private mutate<T>(operation: (ctx: PlaneContext) => Outcome<T>): Promise<T> {
    return this.answer(() => {
      const { result, changes } = operation(this.context());
      this.commit(changes);
      return result;
    });
  }

  private read<T>(query: (ctx: PlaneContext) => T): Promise<T> {
    return this.answer(() => query(this.context()));
  }

  /**
   * Brings the runtime in line with the tasks whose latest change is durable: start what is
   * PENDING, stop what is STOPPING, forget what is gone.
   */
  private driveRuntime(): void {
    if (this.failure || this.disposed) return;
    const due = new Set(this.dueNow);
    this.dueNow.clear();
    while (this.dueBatches[0] !== undefined && this.dueBatches[0].batch <= this.durable) {
      for (const arn of this.dueBatches.shift()!.arns) due.add(arn);
    }
    for (const arn of due) {
      const latest = this.latestChange.get(arn);
      // A later change is still on its way to disk: its batch brings the task back.
      if (latest !== undefined && latest > this.durable) continue;
      this.latestChange.delete(arn);
      if (!this.bringInLine(arn)) this.dueNow.add(arn);
    }
  }

  /** A cluster deleted for good takes what the runtime made for it along. */
  private forgetDeletedClusters(changes: readonly EcsChange[]): void {
    if (this.failure || this.disposed) return;
    for (const change of changes) {
      if (change.kind === 'cluster.put' && change.cluster.status === 'INACTIVE') {
        this.runtime.forgetCluster?.(change.cluster.clusterArn);
      }
    }
  }

  /** Acts on one task whose latest change is durable; false when it must be looked at again. */
  private bringInLine(arn: string): boolean {
    const state = this.current;
    const task = ownEntry(state.tasks, arn);
    if (!task) {
      if (this.started.delete(arn)) {
        this.stopSent.delete(arn);
        this.runtime.forgetTask(arn);
      }
      return true;
    }
    if (
      task.lastStatus === 'PENDING' &&
      task.desiredStatus === 'RUNNING' &&
      !this.started.has(arn)
    ) {
      const spec = runtimeSpecOf(state, task);
      // Without its definition it cannot start yet: it stays due.
      if (!spec) return false;
      this.started.add(arn);
      this.runtime.startTask(spec);
    } else if (task.lastStatus === 'STOPPING' && this.started.has(arn) && !this.stopSent.has(arn)) {
      this.stopSent.add(arn);
      this.runtime.stopTask(arn, stopTimeoutOf(state, task));
    } else if (task.lastStatus === 'STOPPED' && this.started.has(arn) && !this.stopSent.has(arn)) {
      // Lost with its instance: nothing is left to stop gracefully.
      this.stopSent.add(arn);
      this.runtime.stopTask(arn, 0);
    }
    return true;
  }

  /** Simulated EC2 instances of a type in a zone, registered with the cluster. */
  launchInstances = (input: instances.LaunchInstancesInput) =>
    this.mutate((ctx) => instances.launchInstances(ctx, input));
  /** Disconnects (its tasks are lost) or reconnects an instance's agent. */
  setAgentConnected = (cluster: string, containerInstance: string, connected: boolean) =>
    this.mutate((ctx) => instances.setAgentConnected(ctx, cluster, containerInstance, connected));

  /** Takes an availability zone away (a fault) or brings it back. */
  setZoneAvailable = (availabilityZone: string, available: boolean) =>
    this.mutate((ctx) => setZoneAvailable(ctx, availabilityZone, available));

  /** Runs one operation of the registry on `input`, as its method does. */
  invoke(operation: AnyOperation, input: unknown): Promise<unknown> {
    return operation.kind === 'read'
      ? this.read((ctx) => operation.handler(ctx, input))
      : this.mutate((ctx) => operation.handler(ctx, input));
  }

  /** One method per operation of the registry, named as EcsControlPlaneApi names them. */
  private addOperationMethods(): void {
    const methods = this as unknown as Record<string, (input?: unknown) => Promise<unknown>>;
    for (const operation of ecsOperations.values()) {
      methods[methodName(operation.name)] = (input = {}) => this.invoke(operation, input);
    }
  }
}

/**
 * The simulated ECS control plane: the durability shell above, with one method per
 * operation of the registry (`createCluster`, `describeTasks`, …).
 */
export type EcsControlPlane = ControlPlaneShell & EcsControlPlaneApi;
export const EcsControlPlane = ControlPlaneShell as new (
  options: EcsControlPlaneOptions,
) => EcsControlPlane;
