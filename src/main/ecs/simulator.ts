import { join } from 'node:path';
import { EcsControlPlane } from './control-plane/core/control-plane';
import { collectionOwners } from './control-plane/registry';
import { ecsSnapshotPieces } from './control-plane/core/state-json';
import {
  applyEcsJournalChange,
  emptyEcsState,
  journalChanges,
  type EcsChange,
  type EcsJournalChange,
  type EcsState,
} from './control-plane/core/state';
import type { DockerRuntime } from './runtime/docker-runtime';
import type { EcsRuntime } from './control-plane/core/runtime-port';
import type { LoadBalancerDataPlane } from './control-plane/core/load-balancer-port';
import { loadBalancerPlanOf, type PlanOptions } from './control-plane/load-balancers/plan';
import { SimulatedRuntime, type SimulatedRuntimeOptions } from './runtime/simulated';
import { ecsResources, type EcsResource } from '../../shared/domain/ecs';
import type { Clock } from '../lib/clock';
import { openStore, type StoreNotice } from '../store';
import { EcsEventLog } from './events/state-change-events';
import { createLoadBalancerDataPlane } from './load-balancer/data-plane';
import { configuredHostNames, extraHostsVariable } from './load-balancer/host-check';
import { AutoScalingMonitor } from './auto-scaling-monitor';

export interface EcsSimulatorOptions {
  /** Stowage's data directory: the ECS state is kept in `<dataDir>/ecs`. */
  dataDir: string;
  clock: Clock;
  /** Simulated pull and start times (the CLI keeps the runtime's defaults, the app shortens them). */
  simulatedDelays?: Pick<SimulatedRuntimeOptions, 'pullMs' | 'startMs' | 'sigtermExitMs'>;
  reconcileIntervalMs?: number;
  /** How soon a pass follows runtime events and calls (EcsControlPlaneOptions.promptPassMs). */
  promptPassMs?: number;
  /**
   * Where tasks run: the Docker runtime (real containers) when the caller has one; the
   * simulated runtime when it does not.
   */
  dockerRuntime?: DockerRuntime;
  /** The load balancers' data plane (real HTTP proxies); without it, no traffic is carried. */
  loadBalancers?: LoadBalancerDataPlane;
  onError(error: unknown): void;
}

export interface EcsSimulator {
  readonly controlPlane: EcsControlPlane;
  readonly runtime: EcsRuntime;
  readonly runtimeName: 'simulated' | 'docker';
  readonly loadBalancers?: LoadBalancerDataPlane;
  /** Measures the scalable services every metric period, for their scaling policies. */
  readonly autoScaling: AutoScalingMonitor;
  /** What opening the store had to do (a corrupt file moved aside). */
  readonly notices: readonly StoreNotice[];
  /** Stops the reconcile loop and closes the store once its writes are on disk. */
  close(): Promise<void>;
}

/** Where each kind of journal change keeps the ARN of what it changes. */
const arnFields: Record<string, [record: string | undefined, arn: string]> = {
  'cluster.put': ['cluster', 'clusterArn'],
  'containerInstance.put': ['containerInstance', 'containerInstanceArn'],
  'taskDefinition.put': ['taskDefinition', 'taskDefinitionArn'],
  'taskDefinition.delete': [undefined, 'arn'],
  'task.put': ['task', 'taskArn'],
  'task.delete': [undefined, 'arn'],
  'task.patch': [undefined, 'arn'],
  'record.put': [undefined, 'key'],
  'record.delete': [undefined, 'key'],
};

/** The ARN a journal change is about, read from what may be a damaged record. */
export function journalChangeArn(change: unknown): string | undefined {
  const fieldOf = (value: unknown, key: string): unknown =>
    typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)[key]
      : undefined;
  const kind = fieldOf(change, 'kind');
  const fields =
    typeof kind === 'string' && Object.hasOwn(arnFields, kind) ? arnFields[kind] : undefined;
  if (!fields) return undefined;
  const [record, arn] = fields;
  const value = fieldOf(record === undefined ? change : fieldOf(change, record), arn);
  return typeof value === 'string' ? value : undefined;
}

/**
 * The control plane with its durable state and its runtime, as both `stowage ecs` and the
 * app run it: one per process, state journalled in `<dataDir>/ecs`.
 */
export async function openEcsSimulator(options: EcsSimulatorOptions): Promise<EcsSimulator> {
  const store = await openStore<EcsState, EcsJournalChange>({
    dir: join(options.dataDir, 'ecs'),
    name: 'control-plane',
    version: 1,
    initial: emptyEcsState,
    apply: applyEcsJournalChange,
    snapshotPieces: ecsSnapshotPieces,
    describeChange: journalChangeArn,
  });
  const runtime =
    options.dockerRuntime ??
    new SimulatedRuntime({ clock: options.clock, ...options.simulatedDelays });
  const controlPlane = new EcsControlPlane({
    clock: options.clock,
    runtime,
    state: store.state,
    persist: (changes) => store.append(journalChanges(store.state, changes)),
    onError: options.onError,
    ...(options.reconcileIntervalMs === undefined
      ? {}
      : { reconcileIntervalMs: options.reconcileIntervalMs }),
    ...(options.promptPassMs === undefined ? {} : { promptPassMs: options.promptPassMs }),
  });
  const runtimeName = options.dockerRuntime ? 'docker' : 'simulated';
  const unplug = options.loadBalancers
    ? plugInLoadBalancers(controlPlane, options.loadBalancers, runtimeName)
    : undefined;
  const { dockerRuntime, loadBalancers } = options;
  const autoScaling = new AutoScalingMonitor({
    clock: options.clock,
    plane: controlPlane,
    ...(dockerRuntime && { containerUsage: (taskArn) => dockerRuntime.containerUsage(taskArn) }),
    ...(loadBalancers && { traffic: () => loadBalancers.traffic() }),
    onError: options.onError,
  });
  autoScaling.start();
  return {
    controlPlane,
    runtime,
    runtimeName,
    ...(options.loadBalancers ? { loadBalancers: options.loadBalancers } : {}),
    autoScaling,
    notices: store.notices,
    close: async () => {
      unplug?.();
      autoScaling.stop();
      controlPlane.dispose();
      await options.loadBalancers?.close();
      options.dockerRuntime?.close();
      await store.close();
    },
  };
}

/**
 * Hands the data plane the control plane's plan now and after every durable batch of changes
 * (only when it differs from the last one handed over), and the data plane's health
 * verdicts back to the control plane. Returns the unplug.
 */
export function plugInLoadBalancers(
  controlPlane: EcsControlPlane,
  dataPlane: LoadBalancerDataPlane,
  runtime: PlanOptions['runtime'],
): () => void {
  let last = '';
  const applyPlan = (state: EcsState) => {
    const plan = loadBalancerPlanOf(state, { runtime });
    const text = JSON.stringify(plan);
    if (text === last) return;
    last = text;
    dataPlane.apply(plan);
  };
  applyPlan(controlPlane.state);
  const unsubscribe = controlPlane.subscribe((_changes, state) => applyPlan(state));
  const stopHearing = dataPlane.onHealth((event) => controlPlane.report(event));
  const stopHearingDrains = dataPlane.onDrained((event) => controlPlane.report(event));
  return () => {
    unsubscribe();
    stopHearing();
    stopHearingDrains();
  };
}

export interface AppEcsOptions {
  dataDir: string;
  clock: Clock;
  /** Gives the Docker runtime when the engine answers, or why not (then tasks are simulated). */
  openDockerRuntime?(): Promise<{ runtime: DockerRuntime } | { unavailable: string }>;
  /** Which kinds of resource a committed batch of changes touched. */
  onChanged(resources: EcsResource[]): void;
  onError(error: unknown): void;
}

/** The app's one ECS simulator, opened on first use (so an app that never shows ECS never locks its store). */
export interface AppEcs {
  get(): Promise<EcsSimulator>;
  /** Task and container-instance state changes since the simulator opened. */
  readonly events: EcsEventLog;
  stop(): void;
}

// The app's tasks should reach RUNNING within a second or two of being run.
const appDelays = { pullMs: 800, startMs: 400, sigtermExitMs: 200 };

export function appEcs(options: AppEcsOptions): AppEcs {
  let opening: Promise<EcsSimulator> | undefined;
  let stopped = false;
  const events = new EcsEventLog();
  return {
    events,
    get() {
      if (stopped) return Promise.reject(new Error('The ECS simulator has stopped.'));
      opening ??= (options.openDockerRuntime?.() ?? Promise.resolve(undefined))
        .then((probe) =>
          openEcsSimulator({
            dataDir: options.dataDir,
            clock: options.clock,
            simulatedDelays: appDelays,
            reconcileIntervalMs: 250,
            promptPassMs: 20,
            ...(probe && 'runtime' in probe ? { dockerRuntime: probe.runtime } : {}),
            loadBalancers: createLoadBalancerDataPlane({
              clock: options.clock,
              hostNames: configuredHostNames(process.env[extraHostsVariable]),
              onError: options.onError,
            }),
            onError: options.onError,
          }),
        )
        .then(
          (simulator) => {
            events.start(simulator.controlPlane.state);
            simulator.controlPlane.subscribe((changes, state) => {
              events.record(changes, state, options.clock.now());
              options.onChanged(resourcesOf(changes));
            });
            if (stopped) void simulator.close().catch(options.onError);
            return simulator;
          },
          (error: unknown) => {
            // Not kept: the next call tries again (the store's lock may have been let go).
            opening = undefined;
            throw error;
          },
        );
      return opening;
    },
    stop() {
      stopped = true;
      void opening?.then((simulator) => simulator.close()).catch(options.onError);
    },
  };
}

const isAppResource = (name: string | undefined): name is EcsResource =>
  (ecsResources as readonly (string | undefined)[]).includes(name);

/**
 * The resources a batch touched: counters of clusters, instances and services follow their
 * tasks; a record of a declared collection touches the resource module it belongs to.
 */
export function resourcesOf(changes: readonly EcsChange[]): EcsResource[] {
  const touched = new Set<EcsResource>();
  for (const change of changes) {
    if (change.kind === 'record.put' || change.kind === 'record.delete') {
      const owner = collectionOwners.get(change.collection);
      if (isAppResource(owner)) touched.add(owner);
    }
    if (change.kind === 'cluster.put') touched.add('clusters');
    if (change.kind === 'containerInstance.put') touched.add('instances').add('clusters');
    if (change.kind === 'task.put' || change.kind === 'task.delete') {
      touched.add('tasks').add('instances').add('clusters').add('services');
    }
    if (change.kind === 'taskDefinition.put' || change.kind === 'taskDefinition.delete') {
      touched.add('taskDefinitions');
    }
  }
  return ecsResources.filter((resource) => touched.has(resource));
}
