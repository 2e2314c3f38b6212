import type { EngineStatus } from '../../../shared';

const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Memory the way `docker info` prints it: powers of 1024, two decimals ("23.45 GiB"). */
export function formatMemory(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unitIndex = 0;
  while (value >= 1024 && unitIndex < binaryUnits.length - 1) {
    value /= 1024;
    unitIndex += 1;
  }
  const digits = unitIndex === 0 ? 0 : 2;
  return `${Number(value.toFixed(digits))} ${binaryUnits[unitIndex]}`;
}

export const statusLabels: Record<EngineStatus['state'], string> = {
  connecting: 'Connecting to engine…',
  connected: 'Engine connected',
  unreachable: 'Engine unreachable',
};

/** "retrying in 4 s" while the next attempt is ahead, "retrying now" once it is due. */
export function retryText(now: number, nextAttemptAt: number | undefined): string | undefined {
  if (nextAttemptAt === undefined) return undefined;
  const seconds = Math.ceil((nextAttemptAt - now) / 1000);
  return seconds > 0 ? `retrying in ${seconds} s` : 'retrying now';
}

const endpointSources: Record<EngineStatus['endpoint']['source'], string> = {
  DOCKER_HOST: 'from DOCKER_HOST',
  context: 'docker context',
  default: 'default socket',
  address: 'chosen by address',
};

export function describeEndpoint(endpoint: EngineStatus['endpoint']): string {
  const source =
    endpoint.source === 'context' && endpoint.context !== undefined
      ? `docker context “${endpoint.context}”`
      : endpointSources[endpoint.source];
  return `${endpoint.address} (${source})`;
}

/** The short name of the engine in use, for the status chip: its context, or where it came from. */
export function engineName(endpoint: EngineStatus['endpoint']): string {
  if (endpoint.source === 'DOCKER_HOST') return 'DOCKER_HOST';
  return endpoint.context ?? endpoint.address;
}
