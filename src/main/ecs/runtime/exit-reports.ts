import type Docker from 'dockerode';
import { outOfMemoryReason, unhealthyReason } from './docker-map';
import type { RuntimeEvent } from '../control-plane/core/runtime-port';

/**
 * Reports each container's exit once, with the reason ECS gives when it was killed for memory
 * or stopped for failing its health check: a die event and a finished stop may both see it.
 */
export class ExitReports {
  private readonly reported = new Set<string>();
  private readonly oomKilled = new Set<string>();
  private readonly unhealthy = new Set<string>();

  constructor(
    private readonly docker: () => Docker,
    private readonly emit: (event: RuntimeEvent) => void,
    private readonly now: () => number,
  ) {}

  markOutOfMemory(id: string): void {
    this.oomKilled.add(id);
  }

  markUnhealthy(id: string): void {
    this.unhealthy.add(id);
  }

  forget(id: string): void {
    this.reported.delete(id);
    this.oomKilled.delete(id);
    this.unhealthy.delete(id);
  }

  /** Reports a stopped container's exit with the code the engine recorded. */
  async reportExitOf(taskArn: string, containerName: string, id: string): Promise<void> {
    if (this.reported.has(id)) return;
    const inspect = await this.docker()
      .getContainer(id)
      .inspect()
      .catch(() => undefined);
    if (!inspect || inspect.State.Running) return;
    if (inspect.State.OOMKilled) this.oomKilled.add(id);
    this.reportExit(taskArn, containerName, id, inspect.State.ExitCode);
  }

  reportExit(taskArn: string, containerName: string, id: string, exitCode: number): void {
    if (this.reported.has(id)) return;
    this.reported.add(id);
    this.emit({
      kind: 'container.exited',
      taskArn,
      containerName,
      exitCode,
      ...(this.oomKilled.has(id) ? { reason: outOfMemoryReason } : {}),
      ...(this.unhealthy.has(id) ? { reason: unhealthyReason } : {}),
      at: this.now(),
    });
  }
}
