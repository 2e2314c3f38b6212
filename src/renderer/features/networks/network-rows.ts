import type { NetworkContainer, NetworkSummary } from '../../../shared';

const textCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export interface NetworkRow {
  id: string;
  shortId: string;
  name: string;
  driver: string;
  scope: string;
  created: number;
  subnets: string[];
  gateways: string[];
  internal: boolean;
  attachable: boolean;
  predefined: boolean;
  containers: NetworkContainer[];
  labels: Record<string, string>;
}

export type NetworkSortKey =
  'name' | 'id' | 'driver' | 'subnets' | 'gateway' | 'created' | 'containers';

export interface NetworkSort {
  key: NetworkSortKey;
  direction: 'asc' | 'desc';
}

export const defaultNetworkSort: NetworkSort = { key: 'name', direction: 'asc' };

export function toNetworkRow(network: NetworkSummary): NetworkRow {
  return {
    id: network.id,
    shortId: network.id.slice(0, 12),
    name: network.name,
    driver: network.driver,
    scope: network.scope,
    created: network.created,
    subnets: network.subnets.map(({ subnet }) => subnet),
    gateways: network.subnets.flatMap(({ gateway }) => (gateway ? [gateway] : [])),
    internal: network.internal,
    attachable: network.attachable,
    predefined: network.predefined,
    containers: network.containers,
    labels: network.labels,
  };
}

/** Case-insensitive match of name, id, driver, subnets, labels or attached containers. */
export function matchesSearch(row: NetworkRow, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  return [
    row.name,
    row.id,
    row.driver,
    ...row.subnets,
    ...row.gateways,
    ...row.containers.flatMap((container) => [container.name, container.ipv4]),
    ...Object.entries(row.labels).map(([key, value]) => `${key}=${value}`),
  ].some((text) => text.toLowerCase().includes(needle));
}

function compareBy(key: NetworkSortKey, a: NetworkRow, b: NetworkRow): number {
  switch (key) {
    case 'name':
    case 'driver':
      return textCollator.compare(a[key], b[key]);
    case 'id':
      return textCollator.compare(a.id, b.id);
    case 'subnets':
      return textCollator.compare(a.subnets[0] ?? '', b.subnets[0] ?? '');
    case 'gateway':
      return textCollator.compare(a.gateways[0] ?? '', b.gateways[0] ?? '');
    case 'created':
      return a.created - b.created;
    case 'containers':
      return a.containers.length - b.containers.length;
  }
}

export function sortNetworkRows(rows: readonly NetworkRow[], sort: NetworkSort): NetworkRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort(
    (a, b) => sign * compareBy(sort.key, a, b) || textCollator.compare(a.name, b.name),
  );
}

export function nextSort(current: NetworkSort, key: NetworkSortKey): NetworkSort {
  if (current.key === key) {
    return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  }
  return { key, direction: key === 'created' || key === 'containers' ? 'desc' : 'asc' };
}

export const networkNoun = { one: 'network', many: 'networks' };

/**
 * Every container the engine has, as far as the networks show them (each container is on at
 * least one network, `none` included), less those already on `network`: the ones to offer
 * for connecting.
 */
export function connectCandidates(rows: readonly NetworkRow[], network: string): string[] {
  const attached = new Set(
    rows.find((row) => row.id === network)?.containers.map((container) => container.id) ?? [],
  );
  const names = new Map<string, string>();
  for (const row of rows) {
    for (const container of row.containers) {
      if (!attached.has(container.id)) names.set(container.id, container.name);
    }
  }
  return [...names.values()].sort((a, b) => textCollator.compare(a, b));
}
