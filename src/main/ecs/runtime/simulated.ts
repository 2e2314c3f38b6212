import type { NetworkBinding } from '@aws-sdk/client-ecs';
import type { Clock, TimerHandle } from '../../lib/clock';
import { Emitter } from '../../../shared/emitter';
import type {
  EcsRuntime,
  RuntimeEvent,
  RuntimeEventListener,
  RuntimeTaskSpec,
} from '../control-plane/core/runtime-port';
import { scriptedHealth, type ScriptedHealth } from './simulated-health';

export interface SimulatedRuntimeOptions {
  clock: Clock;
  /** Simulated time an image pull takes. */
  pullMs?: number;
  /** Simulated time from pulled to running. */
  startMs?: number;
  /** How long a container takes to exit after SIGTERM when it honours it. */
  sigtermExitMs?: number;
}

type ContainerState = 'starting' | 'running' | 'exited';

interface SimulatedContainer {
  name: string;
  image: string;
  state: ContainerState;
  portMappings: RuntimeTaskSpec['containers'][number]['portMappings'];
  ignoresSigterm: boolean;
  health: ScriptedHealth | undefined;
}

interface SimulatedTask {
  spec: RuntimeTaskSpec;
  containers: Map<string, SimulatedContainer>;
  timers: Set<TimerHandle>;
  hostPorts: number[];
}

const firstDynamicPort = 49153;
const sigtermExitCode = 0;
const sigkillExitCode = 137;

/**
 * A runtime with no Docker: containers "run" on the injected clock, deterministically (a pull
 * takes `pullMs`, a start `startMs`, a health check decides as `scriptedHealth` says), and
 * can be told to fail a pull, exit, or ignore SIGTERM, for tests and for demonstrating what
 * ECS does when containers misbehave.
 */
export class SimulatedRuntime implements EcsRuntime {
  private readonly clock: Clock;
  private readonly pullMs: number;
  private readonly startMs: number;
  private readonly sigtermExitMs: number;
  private readonly listeners = new Emitter<RuntimeEvent>();
  private readonly tasks = new Map<string, SimulatedTask>();
  private readonly pullFailures = new Map<string, string>();
  /** Dynamic host ports in use, per host (container instance). */
  private readonly portsInUse = new Map<string, Set<number>>();
  private containerCount = 0;

  constructor(options: SimulatedRuntimeOptions) {
    this.clock = options.clock;
    this.pullMs = options.pullMs ?? 2_000;
    this.startMs = options.startMs ?? 1_000;
    this.sigtermExitMs = options.sigtermExitMs ?? 200;
  }

  onEvent(listener: RuntimeEventListener): () => void {
    return this.listeners.on(listener);
  }

  /** Pulls of `image` fail from now on with `message` (CannotPullContainerError). */
  failPullsOf(
    image: string,
    message = `pull access denied for ${image}, repository does not exist`,
  ): void {
    this.pullFailures.set(image, message);
  }

  /** Makes a running container exit now, as if its process ended with `exitCode`. */
  exitContainer(taskArn: string, containerName: string, exitCode = 1, reason?: string): boolean {
    const container = this.tasks.get(taskArn)?.containers.get(containerName);
    if (!container || container.state !== 'running') return false;
    this.exit(taskArn, container, exitCode, reason);
    return true;
  }

  killContainer(taskArn: string, containerName: string): Promise<boolean> {
    return Promise.resolve(this.exitContainer(taskArn, containerName, sigkillExitCode));
  }

  /** The container will sit out SIGTERM and be killed after the stop timeout. */
  ignoreSigterm(taskArn: string, containerName: string): void {
    const container = this.tasks.get(taskArn)?.containers.get(containerName);
    if (container) container.ignoresSigterm = true;
  }

  /** The task's containers and their states, for tests and the UI. */
  containersOf(taskArn: string): { name: string; state: ContainerState }[] {
    return [...(this.tasks.get(taskArn)?.containers.values() ?? [])].map(({ name, state }) => ({
      name,
      state,
    }));
  }

  startTask(spec: RuntimeTaskSpec): void {
    if (this.tasks.has(spec.taskArn)) return;
    const task: SimulatedTask = {
      spec,
      timers: new Set(),
      hostPorts: [],
      containers: new Map(
        spec.containers.map((container) => [
          container.name,
          {
            name: container.name,
            image: container.definition.image ?? '',
            state: 'starting',
            portMappings: container.portMappings,
            ignoresSigterm: false,
            health: scriptedHealth(container.definition.healthCheck),
          },
        ]),
      ),
    };
    this.tasks.set(spec.taskArn, task);
    this.emit({ kind: 'pull.started', taskArn: spec.taskArn, at: this.clock.now() });
    this.after(task, this.pullMs, () => this.pulled(task));
  }

  stopTask(taskArn: string, stopTimeoutMs: number): void {
    const task = this.tasks.get(taskArn);
    if (!task) {
      this.emit({ kind: 'task.gone', taskArn, at: this.clock.now() });
      return;
    }
    for (const timer of task.timers) this.clock.clearTimeout(timer);
    task.timers.clear();
    for (const container of task.containers.values()) {
      if (container.state === 'starting') container.state = 'exited';
      if (container.state !== 'running') continue;
      if (stopTimeoutMs <= 0) {
        this.exit(taskArn, container, sigkillExitCode);
      } else if (container.ignoresSigterm) {
        this.after(task, stopTimeoutMs, () => this.exit(taskArn, container, sigkillExitCode));
      } else {
        this.after(task, Math.min(this.sigtermExitMs, stopTimeoutMs), () =>
          this.exit(taskArn, container, sigtermExitCode),
        );
      }
    }
  }

  forgetTask(taskArn: string): void {
    const task = this.tasks.get(taskArn);
    if (!task) return;
    for (const timer of task.timers) this.clock.clearTimeout(timer);
    this.releasePorts(task);
    this.tasks.delete(taskArn);
  }

  private pulled(task: SimulatedTask): void {
    const taskArn = task.spec.taskArn;
    const failing = [...task.containers.values()].filter((c) => this.pullFailures.has(c.image));
    if (failing.length > 0) {
      for (const container of task.containers.values()) container.state = 'exited';
      for (const container of failing) {
        this.emit({
          kind: 'container.failed',
          taskArn,
          containerName: container.name,
          reason: `CannotPullContainerError: ${this.pullFailures.get(container.image)}`,
          at: this.clock.now(),
        });
      }
      return;
    }
    this.emit({ kind: 'pull.finished', taskArn, at: this.clock.now() });
    this.after(task, this.startMs, () => {
      for (const container of task.containers.values()) {
        if (container.state !== 'starting') continue;
        container.state = 'running';
        this.emit({
          kind: 'container.running',
          taskArn,
          containerName: container.name,
          runtimeId: this.nextRuntimeId(),
          networkBindings: this.bind(task, container),
          at: this.clock.now(),
        });
        this.checkHealth(task, container);
      }
    });
  }

  /** Reports the container's scripted health when its checks decide it (see simulated-health.ts). */
  private checkHealth(task: SimulatedTask, container: SimulatedContainer): void {
    const health = container.health;
    if (!health) return;
    this.after(task, health.afterMs, () => {
      if (container.state !== 'running') return;
      this.emit({
        kind: 'container.health',
        taskArn: task.spec.taskArn,
        containerName: container.name,
        healthStatus: health.healthStatus,
        at: this.clock.now(),
      });
    });
  }

  private bind(task: SimulatedTask, container: SimulatedContainer): NetworkBinding[] {
    if (task.spec.networkMode !== 'bridge' && task.spec.networkMode !== 'host') return [];
    return container.portMappings.map((mapping) => {
      const hostPort = mapping.hostPort || this.dynamicPort(task);
      return {
        bindIP: '0.0.0.0',
        containerPort: mapping.containerPort,
        hostPort,
        protocol: mapping.protocol,
      };
    });
  }

  private dynamicPort(task: SimulatedTask): number {
    const host = task.spec.containerInstanceArn ?? task.spec.taskArn;
    const used = this.portsInUse.get(host) ?? new Set<number>();
    this.portsInUse.set(host, used);
    let port = firstDynamicPort;
    while (used.has(port)) port++;
    used.add(port);
    task.hostPorts.push(port);
    return port;
  }

  private releasePorts(task: SimulatedTask): void {
    const used = this.portsInUse.get(task.spec.containerInstanceArn ?? task.spec.taskArn);
    for (const port of task.hostPorts) used?.delete(port);
    task.hostPorts = [];
  }

  private exit(taskArn: string, container: SimulatedContainer, exitCode: number, reason?: string) {
    if (container.state === 'exited') return;
    container.state = 'exited';
    const task = this.tasks.get(taskArn);
    if (task && [...task.containers.values()].every((c) => c.state === 'exited')) {
      this.releasePorts(task);
    }
    this.emit({
      kind: 'container.exited',
      taskArn,
      containerName: container.name,
      exitCode,
      ...(reason ? { reason } : {}),
      at: this.clock.now(),
    });
  }

  private after(task: SimulatedTask, delayMs: number, run: () => void): void {
    const timer = this.clock.setTimeout(() => {
      task.timers.delete(timer);
      run();
    }, delayMs);
    task.timers.add(timer);
  }

  /** A Docker-like 64-hex id, the same sequence every run. */
  private nextRuntimeId(): string {
    this.containerCount += 1;
    let hash = 0x811c9dc5 ^ this.containerCount;
    let id = '';
    while (id.length < 64) {
      hash = Math.imul(hash ^ (hash >>> 13), 0x5bd1e995) >>> 0;
      id += hash.toString(16).padStart(8, '0');
    }
    return id.slice(0, 64);
  }

  private emit(event: RuntimeEvent): void {
    this.listeners.emit(event);
  }
}
