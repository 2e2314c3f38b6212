import type Docker from 'dockerode';

/**
 * dockerode passes `abortSignal` through to every request, but its type definitions leave it
 * out of `ping`, `version` and `info`. This view of the same object says what it accepts.
 */
export interface SignalAwareDocker {
  ping(options: { abortSignal: AbortSignal }): Promise<unknown>;
  version(options: { abortSignal: AbortSignal }): Promise<Docker.DockerVersion>;
  info(options: { abortSignal: AbortSignal }): Promise<unknown>;
}

export function signalAware(docker: Docker): SignalAwareDocker {
  return docker as unknown as SignalAwareDocker;
}
