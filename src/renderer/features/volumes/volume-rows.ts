import type { VolumeSummary } from '../../../shared';

const textCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** One table row: a volume, with the names of the containers that mount it. */
export interface VolumeRow {
  name: string;
  driver: string;
  mountpoint: string;
  created: number;
  /** Bytes, or null when the engine does not know. */
  size: number | null;
  containers: string[];
  labels: Record<string, string>;
  /** A volume the engine named itself (64 hex digits) for a container's anonymous mount. */
  anonymous: boolean;
}

export type VolumeSortKey = 'name' | 'driver' | 'size' | 'created' | 'containers';

export interface VolumeSort {
  key: VolumeSortKey;
  direction: 'asc' | 'desc';
}

export const defaultVolumeSort: VolumeSort = { key: 'created', direction: 'desc' };

export function toVolumeRow(volume: VolumeSummary): VolumeRow {
  return {
    name: volume.name,
    driver: volume.driver,
    mountpoint: volume.mountpoint,
    created: volume.created,
    size: volume.size,
    containers: volume.containers.map((container) => container.name),
    labels: volume.labels,
    anonymous: /^[a-f0-9]{64}$/.test(volume.name),
  };
}

/** Case-insensitive match of the name, driver, labels or the containers using it. */
export function matchesSearch(row: VolumeRow, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  return [
    row.name,
    row.driver,
    ...row.containers,
    ...Object.entries(row.labels).map(([key, value]) => `${key}=${value}`),
  ].some((text) => text.toLowerCase().includes(needle));
}

function compareBy(key: VolumeSortKey, a: VolumeRow, b: VolumeRow): number {
  switch (key) {
    case 'name':
    case 'driver':
      return textCollator.compare(a[key], b[key]);
    case 'size':
      // Unknown sizes sort below every known one.
      return (a.size ?? -1) - (b.size ?? -1);
    case 'created':
      return a.created - b.created;
    case 'containers':
      return a.containers.length - b.containers.length;
  }
}

/** A new sorted array; ties fall back to the name so the order never flickers. */
export function sortVolumeRows(rows: readonly VolumeRow[], sort: VolumeSort): VolumeRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort(
    (a, b) => sign * compareBy(sort.key, a, b) || textCollator.compare(a.name, b.name),
  );
}

/** Clicking the current column flips it; a new column starts where people expect it to. */
export function nextSort(current: VolumeSort, key: VolumeSortKey): VolumeSort {
  if (current.key === key) {
    return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  }
  return { key, direction: key === 'name' || key === 'driver' ? 'asc' : 'desc' };
}

export const volumeNoun = { one: 'volume', many: 'volumes' };

/** The breadcrumb trail of a volume path: `/a/b` -> `/`, `/a`, `/a/b`. */
export function breadcrumbs(path: string): { label: string; path: string }[] {
  const parts = path.split('/').filter(Boolean);
  return [
    { label: '/', path: '/' },
    ...parts.map((part, index) => ({
      label: part,
      path: `/${parts.slice(0, index + 1).join('/')}`,
    })),
  ];
}

export const childPath = (directory: string, name: string) =>
  directory === '/' ? `/${name}` : `${directory}/${name}`;
