import type Docker from 'dockerode';
import { engineRequest } from '../connection/engine-request';
import type { RawContainerNetworks, RawNetwork } from './map';

const networkPath = (network: string) => `/networks/${encodeURIComponent(network)}`;

export async function fetchNetworks(
  docker: Docker,
  signal: AbortSignal,
): Promise<{ networks: RawNetwork[]; containers: RawContainerNetworks[] }> {
  const [networks, containers] = await Promise.all([
    engineRequest<RawNetwork[]>(docker, { method: 'GET', path: '/networks', signal }),
    fetchContainerNetworks(docker, signal),
  ]);
  return { networks, containers };
}

export function fetchContainerNetworks(
  docker: Docker,
  signal: AbortSignal,
): Promise<RawContainerNetworks[]> {
  return engineRequest<RawContainerNetworks[]>(docker, {
    method: 'GET',
    path: '/containers/json',
    query: { all: true },
    signal,
  });
}

export function inspectNetwork(docker: Docker, network: string, signal: AbortSignal) {
  return engineRequest<RawNetwork>(docker, { method: 'GET', path: networkPath(network), signal });
}

export interface NetworkSpec {
  name: string;
  subnet: string | undefined;
  gateway: string | undefined;
  internal: boolean;
  attachable: boolean;
  labels: Record<string, string>;
}

export async function createNetwork(
  docker: Docker,
  spec: NetworkSpec,
  signal: AbortSignal,
): Promise<string> {
  const answer = await engineRequest<{ Id: string }>(docker, {
    method: 'POST',
    path: '/networks/create',
    body: {
      Name: spec.name,
      Driver: 'bridge',
      // Without it an engine of API < 1.44 happily makes a second network of the same name.
      CheckDuplicate: true,
      Internal: spec.internal,
      Attachable: spec.attachable,
      Labels: spec.labels,
      IPAM: {
        Driver: 'default',
        Config: spec.subnet
          ? [{ Subnet: spec.subnet, ...(spec.gateway ? { Gateway: spec.gateway } : {}) }]
          : [],
      },
    },
    signal,
  });
  return answer.Id;
}

export async function removeNetwork(
  docker: Docker,
  network: string,
  signal: AbortSignal,
): Promise<void> {
  await engineRequest(docker, { method: 'DELETE', path: networkPath(network), signal });
}

export async function connectContainer(
  docker: Docker,
  request: { network: string; container: string; ipv4Address: string | undefined },
  signal: AbortSignal,
): Promise<void> {
  await engineRequest(docker, {
    method: 'POST',
    path: `${networkPath(request.network)}/connect`,
    body: {
      Container: request.container,
      ...(request.ipv4Address
        ? { EndpointConfig: { IPAMConfig: { IPv4Address: request.ipv4Address } } }
        : {}),
    },
    signal,
  });
}

export async function disconnectContainer(
  docker: Docker,
  request: { network: string; container: string; force: boolean },
  signal: AbortSignal,
): Promise<void> {
  await engineRequest(docker, {
    method: 'POST',
    path: `${networkPath(request.network)}/disconnect`,
    body: { Container: request.container, Force: request.force },
    signal,
  });
}
