import { describeEngineFailure } from '../../docker/connection/errors';
import type { EngineConnection } from '../../docker/connection/engine';
import { signalAware } from '../../docker/connection/signal-aware';
import {
  createDockerRuntime,
  type DockerRuntime,
  type DockerRuntimeOptions,
} from './docker-runtime';

export type DockerRuntimeProbe = { runtime: DockerRuntime } | { unavailable: string };

/**
 * The Docker runtime when the engine answers a ping within `timeoutMs`; otherwise why not, in
 * the words the engine status uses, so a caller can say so and run the simulated runtime.
 */
export async function openDockerRuntime(
  options: DockerRuntimeOptions & { engine: Pick<EngineConnection, 'docker'>; timeoutMs?: number },
): Promise<DockerRuntimeProbe> {
  try {
    await signalAware(options.engine.docker()).ping({
      abortSignal: AbortSignal.timeout(options.timeoutMs ?? 3000),
    });
  } catch (error) {
    return { unavailable: describeEngineFailure(error) };
  }
  return { runtime: createDockerRuntime(options) };
}
