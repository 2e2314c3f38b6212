import type Docker from 'dockerode';
import { engineRequest } from '../connection/engine-request';
import type { RawContainerMounts, RawDiskUsage, RawVolume } from './map';

export const volumePath = (name: string) => `/volumes/${encodeURIComponent(name)}`;

/** Volumes, the engine's disk usage (sizes) and every container's mounts, fetched together. */
export async function fetchVolumes(
  docker: Docker,
  signal: AbortSignal,
): Promise<{ volumes: RawVolume[]; usage: RawDiskUsage; containers: RawContainerMounts[] }> {
  const [listing, usage, containers] = await Promise.all([
    engineRequest<{ Volumes?: RawVolume[] | null }>(docker, {
      method: 'GET',
      path: '/volumes',
      signal,
    }),
    fetchDiskUsage(docker, signal),
    fetchContainerMounts(docker, signal),
  ]);
  return { volumes: listing.Volumes ?? [], usage, containers };
}

/** How long the list waits for volume sizes before it goes without them. */
export const diskUsageDeadlineMs = 5000;

/**
 * `GET /system/df`: the one place the engine says how big a volume is. Engines before API
 * 1.42 ignore `type` and size everything (every container's layer too), which can take long
 * on a busy machine: past the deadline the sizes are left unknown rather than the list late.
 */
export async function fetchDiskUsage(docker: Docker, signal: AbortSignal): Promise<RawDiskUsage> {
  const deadline = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // Settles at the deadline even if the abandoned request never does.
  const late = new Promise<RawDiskUsage>((resolve) => {
    timer = setTimeout(() => {
      deadline.abort();
      resolve({ Volumes: [] });
    }, diskUsageDeadlineMs);
  });
  const asked = engineRequest<RawDiskUsage>(docker, {
    method: 'GET',
    path: '/system/df',
    query: { type: 'volume' },
    signal: AbortSignal.any([signal, deadline.signal]),
  });
  asked.catch(() => undefined);
  try {
    return await Promise.race([asked, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function fetchContainerMounts(
  docker: Docker,
  signal: AbortSignal,
): Promise<RawContainerMounts[]> {
  return engineRequest<RawContainerMounts[]>(docker, {
    method: 'GET',
    path: '/containers/json',
    query: { all: true },
    signal,
  });
}

export function inspectVolume(docker: Docker, name: string, signal: AbortSignal) {
  return engineRequest<RawVolume>(docker, { method: 'GET', path: volumePath(name), signal });
}

/** The volume drivers the engine has (`local`, and any volume plugins installed). */
export async function fetchVolumeDrivers(docker: Docker, signal: AbortSignal): Promise<string[]> {
  const info = await engineRequest<{ Plugins?: { Volume?: string[] | null } }>(docker, {
    method: 'GET',
    path: '/info',
    signal,
  });
  return info.Plugins?.Volume ?? [];
}

export function createVolume(
  docker: Docker,
  spec: { name: string; driver: string; labels: Record<string, string> },
  signal: AbortSignal,
): Promise<RawVolume> {
  return engineRequest<RawVolume>(docker, {
    method: 'POST',
    path: '/volumes/create',
    body: { Name: spec.name, Driver: spec.driver, Labels: spec.labels },
    signal,
  });
}

export async function removeVolume(
  docker: Docker,
  name: string,
  signal: AbortSignal,
): Promise<void> {
  await engineRequest(docker, { method: 'DELETE', path: volumePath(name), signal });
}

/** Removes a container, running or not (`docker rm -f`). */
export async function removeContainer(
  docker: Docker,
  id: string,
  signal: AbortSignal,
): Promise<void> {
  await engineRequest(docker, {
    method: 'DELETE',
    path: `/containers/${encodeURIComponent(id)}`,
    query: { force: true },
    signal,
  });
}
