import type {
  ContainerPort,
  ContainerState,
  ContainerSummary,
  ContainerUsage,
} from '../../../shared';

export type ContainerSortKey = 'name' | 'image' | 'state' | 'uptime' | 'cpu' | 'memory' | 'created';
export interface ContainerSort {
  key: ContainerSortKey;
  direction: 'asc' | 'desc';
}
export const defaultContainerSort: ContainerSort = { key: 'created', direction: 'desc' };

export type Grouping = 'none' | 'compose' | 'ecs';

export interface GroupRow {
  kind: 'group';
  id: string;
  label: string;
  count: number;
  collapsed: boolean;
  /** The ids of the members on show (none while collapsed). */
  memberIds: string[];
}
export interface ContainerRow {
  kind: 'container';
  id: string;
  container: ContainerSummary;
  /** The latest CPU and memory reading, while it runs. */
  usage: ContainerUsage | undefined;
}

/** The latest readings by container id. */
export type UsageById = ReadonlyMap<string, ContainerUsage>;
export const noUsage: UsageById = new Map();
export type TableRow = GroupRow | ContainerRow;

/** A container's latest reading; one taken before it stopped is no longer true. */
function readingOf(container: ContainerSummary, usage: UsageById): ContainerUsage | undefined {
  return container.state === 'running' || container.state === 'paused'
    ? usage.get(container.id)
    : undefined;
}

/** The newest, and the busiest, first. */
const descendingFirst: ReadonlySet<ContainerSortKey> = new Set(['created', 'cpu', 'memory']);

export function nextSort(current: ContainerSort, key: ContainerSortKey): ContainerSort {
  if (current.key !== key) return { key, direction: descendingFirst.has(key) ? 'desc' : 'asc' };
  return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}

export function matchesSearch(container: ContainerSummary, search: string): boolean {
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [
    container.name,
    container.image,
    container.id.slice(0, 12),
    container.state,
    container.status,
    container.composeProject ?? '',
    ...container.ports.map((port) => `${port.hostPort ?? ''}:${port.containerPort}`),
  ]
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

const stateOrder: Record<ContainerState, number> = {
  running: 0,
  restarting: 1,
  paused: 2,
  created: 3,
  removing: 4,
  exited: 5,
  dead: 6,
};

function compare(
  a: ContainerSummary,
  b: ContainerSummary,
  key: ContainerSortKey,
  usage: UsageById,
): number {
  switch (key) {
    case 'name':
      return a.name.localeCompare(b.name);
    case 'image':
      return a.image.localeCompare(b.image) || a.name.localeCompare(b.name);
    case 'state':
      return stateOrder[a.state] - stateOrder[b.state] || a.name.localeCompare(b.name);
    case 'uptime':
      // Ascending: the shortest uptime (latest start) first; containers that are not up last.
      return (b.startedAt ?? -1) - (a.startedAt ?? -1);
    case 'cpu':
      // Containers without a reading (not running) count as the least busy.
      return (readingOf(a, usage)?.cpuPercent ?? -1) - (readingOf(b, usage)?.cpuPercent ?? -1);
    case 'memory':
      return (readingOf(a, usage)?.memoryUsage ?? -1) - (readingOf(b, usage)?.memoryUsage ?? -1);
    case 'created':
      return a.created - b.created;
  }
}

export function sortContainers(
  containers: readonly ContainerSummary[],
  sort: ContainerSort,
  usage: UsageById = noUsage,
): ContainerSummary[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...containers].sort(
    (a, b) => sign * compare(a, b, sort.key, usage) || a.id.localeCompare(b.id),
  );
}

export const ungroupedLabel = 'Not grouped';

function groupOf(container: ContainerSummary, grouping: Grouping): string | undefined {
  if (grouping === 'compose') return container.composeProject;
  if (grouping === 'ecs') return container.ecsTaskArn;
  return undefined;
}

/** The ECS task id from its ARN, as the console shows it: the last part. */
export const taskLabel = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1) || arn;

/**
 * The rows of the table: containers as sorted, or under one header row per compose project
 * or ECS task (groups by name, ungrouped containers last); a collapsed group shows its header.
 */
export function toTableRows(
  containers: readonly ContainerSummary[],
  grouping: Grouping,
  collapsed: ReadonlySet<string>,
  usage: UsageById = noUsage,
): TableRow[] {
  const row = (container: ContainerSummary): ContainerRow => ({
    kind: 'container',
    id: container.id,
    container,
    usage: readingOf(container, usage),
  });
  if (grouping === 'none') return containers.map(row);
  const groups = new Map<string, ContainerSummary[]>();
  for (const container of containers) {
    const key = groupOf(container, grouping) ?? '';
    groups.set(key, [...(groups.get(key) ?? []), container]);
  }
  const keys = [...groups.keys()].sort((a, b) =>
    a === '' ? 1 : b === '' ? -1 : a.localeCompare(b),
  );
  return keys.flatMap((key) => {
    const members = groups.get(key) ?? [];
    const id = `group:${grouping}:${key}`;
    const shut = collapsed.has(id);
    const label = key === '' ? ungroupedLabel : grouping === 'ecs' ? taskLabel(key) : key;
    const shown = shut ? [] : members.map(row);
    const header: GroupRow = {
      kind: 'group',
      id,
      label,
      count: members.length,
      collapsed: shut,
      memberIds: shown.map((member) => member.id),
    };
    return [header, ...shown];
  });
}

/** Where a published port opens in the browser; a wildcard address means this machine. */
export function portUrl(port: ContainerPort): string | undefined {
  if (!port.hostPort || port.protocol !== 'tcp') return undefined;
  const ip = port.hostIp ?? '';
  const host = ip === '' || ip === '0.0.0.0' || ip === '::' ? '127.0.0.1' : ip;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port.hostPort}/`;
}

export function portLabel(port: ContainerPort): string {
  const inside = `${port.containerPort}/${port.protocol}`;
  return port.hostPort ? `${port.hostPort}→${inside}` : inside;
}

export type ContainerAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill';

/** Whether an action means anything for a container in this state. */
export function canDo(action: ContainerAction, state: ContainerState): boolean {
  switch (action) {
    case 'start':
      return state === 'created' || state === 'exited' || state === 'dead';
    case 'stop':
    case 'kill':
      return state === 'running' || state === 'restarting' || state === 'paused';
    case 'restart':
      return state !== 'removing';
    case 'pause':
      return state === 'running';
    case 'unpause':
      return state === 'paused';
  }
}

export const containerNoun = { one: 'container', many: 'containers' };
