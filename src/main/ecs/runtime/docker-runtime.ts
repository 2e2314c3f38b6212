import type Docker from 'dockerode';
import type { EngineConnection } from '../../docker/connection/engine';
import type { RegistryAuth } from '../../docker/registries/credentials';
import type { Clock } from '../../lib/clock';
import { Emitter } from '../../../shared/emitter';
import { ContainerEndFollower } from './docker-events';
import { ClusterNetworks } from './cluster-network';
import { ExitReports } from './exit-reports';
import { clusterResourcesOn, removeClusterResources } from './cluster-resources';
import type { TaskAgentAttachment, TaskAgentPort } from './task-agent-port';
import { ensureImage, messageOf, removeContainer, stopContainer } from './docker-engine';
import { usageOfStats, type ContainerUsage, type EngineStats } from './container-usage';
import {
  containerCreateOptions,
  ecsLabels,
  groupByTask,
  healthOfListedStatus,
  isNamespaceOwner,
  listedPortsOf,
  networkBindingsOf,
  ownLabelFilter,
  type ContainerEnd,
} from './docker-map';
import type {
  EcsRuntime,
  RuntimeClusterResources,
  RuntimeContainerSpec,
  RuntimeEvent,
  RuntimeEventListener,
  RuntimeTaskSpec,
} from '../control-plane/core/runtime-port';

export interface DockerRuntimeOptions {
  /** The engine connection (only its client is used). */
  engine: Pick<EngineConnection, 'docker'>;
  clock: Clock;
  /** Put on every container and network the runtime creates (tests add their clean-up label). */
  extraLabels?: Record<string, string>;
  /** The registry login for pulling `image`, when one is known. */
  authFor?: (image: string, signal: AbortSignal) => Promise<RegistryAuth | undefined>;
  /** The container agent that serves task metadata and credentials to the task's containers. */
  agent?: TaskAgentPort;
}

/** What the runtime keeps of a task: its pending work, in order, and whether it is stopping. */
interface TaskWork {
  queue: Promise<void>;
  stopRequested: boolean;
  spec?: RuntimeTaskSpec;
}

type ListedContainer = Docker.ContainerInfo;

/** How long a stop waits to try again when the engine did not answer. */
const stopRetryMs = 2000;

/**
 * Runs ECS tasks as containers of the local engine (one per container definition, labelled as
 * the ECS agent labels them). The engine is the only record: a task's containers are found by
 * their task-arn label, so a restarted control plane adopts what still runs. Work on one task
 * happens in order (start, exits, stop, removal); exits come from the engine's die events.
 */
export class DockerRuntime implements EcsRuntime {
  private readonly listeners = new Emitter<RuntimeEvent>();
  private readonly tasks = new Map<string, TaskWork>();
  private readonly exits: ExitReports;
  /** Containers reported running: the only ones whose die events mean something. */
  private readonly live = new Set<string>();
  private readonly networks: ClusterNetworks;
  private readonly follower: ContainerEndFollower;
  private readonly aborter = new AbortController();
  private readonly extraLabels: Record<string, string>;
  /**
   * The runtime's containers as they were when it started, by task: the only ones a task can
   * have before its start (every later one is this runtime's own). One listing, not one per task.
   */
  private readonly foundAtStart: Promise<Map<string, ListedContainer[]> | undefined>;
  /** Image checks under way, so tasks started together inspect (or pull) an image once. */
  private readonly imageChecks = new Map<string, Promise<void>>();

  constructor(private readonly options: DockerRuntimeOptions) {
    this.extraLabels = options.extraLabels ?? {};
    this.networks = new ClusterNetworks(() => this.docker(), this.extraLabels);
    this.exits = new ExitReports(
      () => this.docker(),
      (event) => this.emit(event),
      () => this.now(),
    );
    this.follower = new ContainerEndFollower({
      docker: () => options.engine.docker(),
      clock: options.clock,
      onEnd: (end) => this.containerEnded(end),
    });
    this.foundAtStart = this.follower
      .ready()
      .then(() => this.docker().listContainers({ all: true, filters: { label: [ownLabelFilter] } }))
      .then((containers) => groupByTask(containers))
      .catch(() => undefined);
  }

  onEvent(listener: RuntimeEventListener): () => void {
    return this.listeners.on(listener);
  }

  startTask(spec: RuntimeTaskSpec): void {
    if (this.tasks.has(spec.taskArn)) return;
    this.work(spec.taskArn).spec = spec;
    this.enqueue(spec.taskArn, () => this.start(spec));
  }

  stopTask(taskArn: string, stopTimeoutMs: number): void {
    this.work(taskArn).stopRequested = true;
    this.enqueue(taskArn, () =>
      this.stop(taskArn, stopTimeoutMs).catch((error: unknown) => {
        // The engine did not answer: whether the containers are still there is unknown.
        console.error(`ECS task ${taskArn} could not be stopped yet: ${messageOf(error)}`);
        this.options.clock.setTimeout(() => this.stopTask(taskArn, stopTimeoutMs), stopRetryMs);
      }),
    );
  }

  async killContainer(taskArn: string, containerName: string): Promise<boolean> {
    const containers = await this.containersOf(taskArn);
    const found = containers.find(
      (c) =>
        !isNamespaceOwner(c) &&
        c.Labels[ecsLabels.containerName] === containerName &&
        c.State === 'running',
    );
    if (!found) return false;
    // The engine's die event reports the exit, as it does for a `docker kill` from a terminal.
    await this.docker().getContainer(found.Id).kill({ signal: 'SIGKILL' });
    return true;
  }

  /**
   * What each running container of the task uses now (CPU over the engine's one-second
   * sample, memory without cache), for the service metrics; empty when none runs.
   */
  async containerUsage(taskArn: string): Promise<ContainerUsage[]> {
    const containers = await this.containersOf(taskArn);
    const running = containers.filter((c) => !isNamespaceOwner(c) && c.State === 'running');
    const usages = await Promise.all(
      running.map(async (c) => {
        try {
          const stats = (await this.docker()
            .getContainer(c.Id)
            .stats({ stream: false })) as EngineStats;
          return [usageOfStats(stats)];
        } catch {
          // It stopped between the listing and the stats: it no longer counts.
          return [];
        }
      }),
    );
    return usages.flat();
  }

  forgetTask(taskArn: string): void {
    this.options.agent?.release(taskArn);
    this.enqueue(taskArn, async () => {
      const containers = await this.containersOf(taskArn);
      await Promise.all(containers.map((c) => removeContainer(this.docker(), c.Id)));
      for (const container of containers) {
        this.exits.forget(container.Id);
        this.live.delete(container.Id);
      }
      this.tasks.delete(taskArn);
    });
  }

  forgetCluster(clusterArn: string): void {
    // After the work under way on its tasks (a stop, a removal), so nothing is created anew.
    const pending = [...this.tasks.values()]
      .filter((work) => work.spec?.clusterArn === clusterArn)
      .map((work) => work.queue);
    this.networks.forget(clusterArn);
    void Promise.all(pending)
      .then(() => removeClusterResources(this.docker(), clusterArn))
      .then((removed) => {
        for (const container of removed) {
          this.exits.forget(container.Id);
          this.live.delete(container.Id);
          const taskArn = container.Labels[ecsLabels.taskArn];
          if (taskArn) this.tasks.delete(taskArn);
        }
      })
      .catch((error: unknown) => {
        console.error(`ECS cluster ${clusterArn} could not be cleared: ${messageOf(error)}`);
      });
  }

  clusterResources(clusterArn: string): Promise<RuntimeClusterResources> {
    return clusterResourcesOn(this.docker(), clusterArn);
  }

  /** Stops following the engine's events and cancels pulls under way. */
  close(): void {
    this.follower.stop();
    this.aborter.abort();
  }

  private work(taskArn: string): TaskWork {
    let work = this.tasks.get(taskArn);
    if (!work) {
      work = { queue: this.follower.ready(), stopRequested: false };
      this.tasks.set(taskArn, work);
    }
    return work;
  }

  private enqueue(taskArn: string, step: () => Promise<void>): void {
    const work = this.work(taskArn);
    work.queue = work.queue.then(step).catch((error: unknown) => {
      // Only an unreachable engine gets here: each step reports its own container failures.
      console.error(`ECS task ${taskArn}: ${messageOf(error)}`);
    });
  }

  private async start(spec: RuntimeTaskSpec): Promise<void> {
    let existing: ListedContainer[];
    try {
      existing = await this.existingContainersOf(spec.taskArn);
    } catch (error) {
      this.failAll(spec, spec.containers, `CannotStartContainerError: ${messageOf(error)}`);
      return;
    }
    const owner = existing.find(isNamespaceOwner);
    if (existing.some((c) => !isNamespaceOwner(c))) {
      await this.adopt(spec, existing, owner?.Id);
      return;
    }
    if (owner) await removeContainer(this.docker(), owner.Id);
    if (!(await this.pullImages(spec))) return;
    if (this.tasks.get(spec.taskArn)?.stopRequested) return;
    await this.createAndStart(spec, spec.containers, undefined);
  }

  /** Reports the containers a task still has, and starts afresh those it lost. */
  private async adopt(
    spec: RuntimeTaskSpec,
    existing: ListedContainer[],
    ownerId: string | undefined,
  ): Promise<void> {
    await this.adoptAgent(spec, existing);
    const missing: RuntimeContainerSpec[] = [];
    for (const container of spec.containers) {
      const found = existing.find((c) => c.Labels[ecsLabels.containerName] === container.name);
      if (!found) missing.push(container);
      else if (found.State === 'running') this.reportRunning(spec, container, found);
      else if (found.State === 'created') await this.startCreated(spec, container, found.Id);
      else await this.exits.reportExitOf(spec.taskArn, container.name, found.Id);
    }
    if (missing.length > 0) await this.createAndStart(spec, missing, ownerId);
  }

  private async startCreated(spec: RuntimeTaskSpec, container: RuntimeContainerSpec, id: string) {
    try {
      await this.docker().getContainer(id).start();
      await this.reportStarted(spec, container, id);
    } catch (error) {
      this.failAll(spec, [container], `CannotStartContainerError: ${messageOf(error)}`);
    }
  }

  /** Pulls the task's images the engine lacks; false when one failed (already reported). */
  private async pullImages(spec: RuntimeTaskSpec): Promise<boolean> {
    this.emit({ kind: 'pull.started', taskArn: spec.taskArn, at: this.now() });
    const images = [...new Set(spec.containers.map((c) => c.definition.image ?? ''))];
    for (const image of images) {
      try {
        await this.ensureImage(image);
      } catch (error) {
        const users = spec.containers.filter((c) => (c.definition.image ?? '') === image);
        this.failAll(spec, users, `CannotPullContainerError: ${messageOf(error)}`);
        return false;
      }
    }
    this.emit({ kind: 'pull.finished', taskArn: spec.taskArn, at: this.now() });
    return true;
  }

  /** Creates and starts `containers` in order; the first failure ends the task's start. */
  private async createAndStart(
    spec: RuntimeTaskSpec,
    containers: RuntimeContainerSpec[],
    knownOwnerId: string | undefined,
  ): Promise<void> {
    let ownerId = knownOwnerId;
    const agent = await this.attachAgent(spec);
    try {
      if (spec.networkMode === 'bridge') await this.networks.ensure(spec.clusterArn);
      if (spec.networkMode === 'awsvpc' && !ownerId) {
        const owner = await this.networks.startNamespaceOwner(spec);
        ownerId = owner.id;
        await this.joinAgentNetworks(owner.id, agent);
        if (owner.address && owner.address !== spec.privateIpv4Address) {
          const address = { taskArn: spec.taskArn, privateIpv4Address: owner.address };
          this.emit({ kind: 'task.address', ...address, at: this.now() });
        }
      }
    } catch (error) {
      this.failAll(spec, containers, `CannotStartContainerError: ${messageOf(error)}`);
      return;
    }
    for (const container of containers) {
      if (this.tasks.get(spec.taskArn)?.stopRequested) return;
      let id: string | undefined;
      try {
        const options = containerCreateOptions(spec, container, this.extraLabels, ownerId);
        options.Env = [...(options.Env ?? []), ...(agent?.environmentOf(container.name) ?? [])];
        const created = await this.docker().createContainer(options);
        id = created.id;
        if (spec.networkMode === 'bridge') await this.joinAgentNetworks(id, agent);
        await created.start();
        await this.reportStarted(spec, container, id);
      } catch (error) {
        if (id) await removeContainer(this.docker(), id);
        this.failAll(spec, [container], `CannotStartContainerError: ${messageOf(error)}`);
        return;
      }
    }
  }

  private async stop(taskArn: string, stopTimeoutMs: number): Promise<void> {
    this.options.agent?.release(taskArn);
    const containers = await this.containersOf(taskArn);
    const taskContainers = containers.filter((c) => !isNamespaceOwner(c));
    if (taskContainers.length === 0) {
      await Promise.all(containers.map((c) => removeContainer(this.docker(), c.Id)));
      this.emit({ kind: 'task.gone', taskArn, at: this.now() });
      return;
    }
    const seconds = Math.ceil(Math.max(0, stopTimeoutMs) / 1000);
    await Promise.all(
      taskContainers.map(async (container) => {
        // A container that was created and never started reports nothing.
        if (container.State === 'created') return;
        if (container.State === 'running' || container.State === 'paused') {
          await stopContainer(this.docker(), container.Id, seconds);
        }
        await this.exits.reportExitOf(
          taskArn,
          container.Labels[ecsLabels.containerName] ?? '',
          container.Id,
        );
      }),
    );
    for (const owner of containers.filter(isNamespaceOwner)) {
      await this.docker()
        .getContainer(owner.Id)
        .kill()
        .catch(() => undefined);
    }
  }

  /** The agent's attachment for a task, or none when the agent could not take it (logged). */
  private async attachAgent(spec: RuntimeTaskSpec): Promise<TaskAgentAttachment | undefined> {
    try {
      return await this.options.agent?.attach(spec);
    } catch (error) {
      console.error(`ECS task ${spec.taskArn}: the container agent: ${messageOf(error)}`);
      return undefined;
    }
  }

  /**
   * Hands the agent the task's containers still there from before the restart, with the
   * environment they were created with, so the agent URIs in it are served again.
   */
  private async adoptAgent(spec: RuntimeTaskSpec, existing: ListedContainer[]): Promise<void> {
    const agent = this.options.agent;
    const kept = existing.filter(
      (c) => !isNamespaceOwner(c) && (c.State === 'running' || c.State === 'created'),
    );
    if (!agent || kept.length === 0) return;
    try {
      const containers = await Promise.all(
        kept.map(async (c) => ({
          name: c.Labels[ecsLabels.containerName] ?? '',
          environment: (await this.docker().getContainer(c.Id).inspect()).Config.Env ?? [],
        })),
      );
      await agent.adopt(spec, containers);
    } catch (error) {
      console.error(`ECS task ${spec.taskArn}: the container agent: ${messageOf(error)}`);
    }
  }

  private async joinAgentNetworks(id: string, agent: TaskAgentAttachment | undefined) {
    for (const network of agent?.networks ?? []) {
      await this.docker().getNetwork(network).connect({ Container: id });
    }
  }

  private containerEnded(end: ContainerEnd): void {
    if (end.kind === 'oom') {
      this.exits.markOutOfMemory(end.containerId);
      return;
    }
    // Behind the task's own work, so an exit never arrives before its container's start. Only
    // containers reported running count: a replayed event of a container the task no longer
    // has (or another runtime's) must not stop it.
    if (!this.tasks.has(end.taskArn)) return;
    this.enqueue(end.taskArn, async () => {
      if (!this.live.has(end.containerId)) return;
      if (end.kind === 'unhealthy' || end.kind === 'healthy') this.reportHealth(end);
      else this.exits.reportExit(end.taskArn, end.containerName, end.containerId, end.exitCode);
    });
  }

  /**
   * Docker's verdict on a container's health check, for the control plane to decide on (an
   * essential container that turns unhealthy stops its task, and its exit says why).
   */
  private reportHealth(end: ContainerEnd): void {
    if (end.kind === 'unhealthy') this.exits.markUnhealthy(end.containerId);
    this.emit({
      kind: 'container.health',
      taskArn: end.taskArn,
      containerName: end.containerName,
      healthStatus: end.kind === 'healthy' ? 'HEALTHY' : 'UNHEALTHY',
      at: end.at || this.now(),
    });
  }

  private async reportStarted(spec: RuntimeTaskSpec, container: RuntimeContainerSpec, id: string) {
    // Only published ports need asking for: the other modes' bindings follow from the spec.
    const published = spec.networkMode === 'bridge' && container.portMappings.length > 0;
    const ports = published
      ? listedPortsOf((await this.docker().getContainer(id).inspect()).NetworkSettings.Ports)
      : [];
    this.live.add(id);
    this.emit({
      kind: 'container.running',
      taskArn: spec.taskArn,
      containerName: container.name,
      runtimeId: id,
      networkBindings: networkBindingsOf(spec.networkMode, container, ports),
      at: this.now(),
    });
  }

  private reportRunning(
    spec: RuntimeTaskSpec,
    container: RuntimeContainerSpec,
    found: ListedContainer,
  ): void {
    this.live.add(found.Id);
    this.emit({
      kind: 'container.running',
      taskArn: spec.taskArn,
      containerName: container.name,
      runtimeId: found.Id,
      networkBindings: networkBindingsOf(spec.networkMode, container, found.Ports),
      at: this.now(),
    });
    const health = healthOfListedStatus(found.Status);
    if (health) {
      if (health === 'UNHEALTHY') this.exits.markUnhealthy(found.Id);
      const event = { taskArn: spec.taskArn, containerName: container.name, healthStatus: health };
      this.emit({ kind: 'container.health', ...event, at: this.now() });
    }
  }

  private failAll(spec: RuntimeTaskSpec, containers: RuntimeContainerSpec[], reason: string) {
    for (const container of containers) {
      this.emit({
        kind: 'container.failed',
        taskArn: spec.taskArn,
        containerName: container.name,
        reason,
        at: this.now(),
      });
    }
  }

  private async existingContainersOf(taskArn: string): Promise<ListedContainer[]> {
    const found = await this.foundAtStart;
    if (!found) return this.containersOf(taskArn);
    const existing = found.get(taskArn) ?? [];
    found.delete(taskArn);
    return existing;
  }

  private ensureImage(image: string): Promise<void> {
    let check = this.imageChecks.get(image);
    if (!check) {
      check = ensureImage(this.docker(), image, this.options.authFor, this.aborter.signal);
      const settled = () => this.imageChecks.delete(image);
      check.then(settled, settled);
      this.imageChecks.set(image, check);
    }
    return check;
  }

  private containersOf(taskArn: string): Promise<ListedContainer[]> {
    return this.docker().listContainers({
      all: true,
      filters: { label: [ownLabelFilter, `${ecsLabels.taskArn}=${taskArn}`] },
    });
  }

  private docker(): Docker {
    return this.options.engine.docker();
  }

  private now(): number {
    return this.options.clock.now();
  }

  private emit(event: RuntimeEvent): void {
    this.listeners.emit(event);
  }
}

/**
 * The runtime for `stowage ecs --runtime docker` and the app when the engine answers (see
 * `openDockerRuntime` in docker-probe.ts, which pings first). Hand it to `EcsControlPlane` as
 * its `runtime`; call `close()` after disposing the control plane (it follows the engine's
 * events and may be pulling).
 *
 * - Containers are named `ecs-<family>-<revision>-<container>-<task id>` and labelled
 *   `com.amazonaws.ecs.*` plus `dev.stowage.ecs.runtime=docker`; `extraLabels` go on every
 *   container and network it creates.
 * - bridge and awsvpc tasks join the network `stowage-ecs-<cluster>`, created when missing.
 *   An awsvpc task's containers share the namespace of an `…-internalecspause-…` container
 *   running `sleep` from the task's first image (nothing can be pulled for it). It takes the
 *   task's ECS address when that network's subnet holds it (create the network yourself with
 *   `--subnet 10.0.0.0/16`); otherwise the same host part in the network's own subnet, or
 *   Docker's pick on a network whose subnet Docker chose, and reports it (`task.address`) so
 *   DescribeTasks shows the address the task really has.
 * - A restarted control plane calls `startTask` for its restored tasks: containers the task
 *   still has are adopted (running ones reported running, exited ones with their exit code),
 *   lost ones are created afresh, and the container agent is handed the running ones' environment
 *   so the metadata and credentials URIs they hold are served again. Containers of tasks the
 *   control plane no longer knows are left alone.
 */
export function createDockerRuntime(options: DockerRuntimeOptions): DockerRuntime {
  return new DockerRuntime(options);
}
