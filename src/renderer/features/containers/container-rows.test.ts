import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../shared';
import {
  canDo,
  defaultContainerSort,
  matchesSearch,
  nextSort,
  portUrl,
  sortContainers,
  toTableRows,
} from './container-rows';

const container = (name: string, extra: Partial<ContainerSummary> = {}): ContainerSummary => ({
  id: `${name}-id`,
  name,
  image: 'busybox',
  imageId: 'sha256:1',
  command: '',
  state: 'running',
  status: 'Up',
  health: 'none',
  created: 0,
  ports: [],
  labels: {},
  ...extra,
});

describe('container rows', () => {
  const all = [
    container('web', { composeProject: 'shop', startedAt: 10 }),
    container('db', { composeProject: 'shop', state: 'exited' }),
    container('task', { ecsTaskArn: 'arn:aws:ecs:eu-west-1:1:task/demo/abc123', startedAt: 5 }),
    container('lone', { state: 'paused', startedAt: 20 }),
  ];

  it('groups by compose project, ungrouped last, and hides a collapsed group’s members', () => {
    const rows = toTableRows(all, 'compose', new Set());
    expect(
      rows.map((row) => (row.kind === 'group' ? `[${row.label} ${row.count}]` : row.id)),
    ).toEqual(['[shop 2]', 'web-id', 'db-id', '[Not grouped 2]', 'task-id', 'lone-id']);
    const shut = toTableRows(all, 'compose', new Set(['group:compose:shop']));
    expect(shut.map((row) => row.id)).toEqual([
      'group:compose:shop',
      'group:compose:',
      'task-id',
      'lone-id',
    ]);
    expect(toTableRows(all, 'ecs', new Set())[0]).toMatchObject({ kind: 'group', label: 'abc123' });
    expect(toTableRows(all, 'compose', new Set())[0]).toMatchObject({
      memberIds: ['web-id', 'db-id'],
    });
    expect(shut[0]).toMatchObject({ collapsed: true, memberIds: [] });
  });

  it('sorts by state, then name, and by uptime with the latest started first', () => {
    expect(sortContainers(all, { key: 'state', direction: 'asc' }).map((c) => c.name)).toEqual([
      'task',
      'web',
      'lone',
      'db',
    ]);
    expect(sortContainers(all, { key: 'uptime', direction: 'asc' }).map((c) => c.name)).toEqual([
      'lone',
      'web',
      'task',
      'db',
    ]);
  });

  it('searches name, image, project and ports', () => {
    expect(all.filter((c) => matchesSearch(c, 'shop we')).map((c) => c.name)).toEqual(['web']);
    expect(
      matchesSearch(
        container('x', { ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 8080 }] }),
        '8080:80',
      ),
    ).toBe(true);
  });

  it('links published tcp ports, with the wildcard address as this machine', () => {
    expect(portUrl({ containerPort: 80, protocol: 'tcp', hostPort: 8080, hostIp: '0.0.0.0' })).toBe(
      'http://127.0.0.1:8080/',
    );
    expect(portUrl({ containerPort: 80, protocol: 'tcp', hostPort: 8080, hostIp: '::1' })).toBe(
      'http://[::1]:8080/',
    );
    expect(portUrl({ containerPort: 53, protocol: 'udp', hostPort: 53 })).toBeUndefined();
    expect(portUrl({ containerPort: 80, protocol: 'tcp' })).toBeUndefined();
  });

  it('offers only the actions a state allows', () => {
    expect(canDo('start', 'exited')).toBe(true);
    expect(canDo('start', 'running')).toBe(false);
    expect(canDo('unpause', 'paused')).toBe(true);
    expect(canDo('pause', 'paused')).toBe(false);
  });

  it('sorts by CPU and memory readings, containers without one last, and puts readings on rows', () => {
    const usage = new Map([
      ['web-id', { id: 'web-id', cpuPercent: 5, memoryUsage: 900, memoryLimit: 1_000 }],
      ['lone-id', { id: 'lone-id', cpuPercent: 40, memoryUsage: 100, memoryLimit: 1_000 }],
      ['db-id', { id: 'db-id', cpuPercent: 99, memoryUsage: 5, memoryLimit: 1_000 }],
    ]);
    const busiest = sortContainers(all, nextSort(defaultContainerSort, 'cpu'), usage);
    // The exited container's old reading counts for nothing.
    expect(busiest.map((c) => c.name)).toEqual(['lone', 'web', 'db', 'task']);
    const hungriest = sortContainers(all, { key: 'memory', direction: 'desc' }, usage);
    expect(hungriest.map((c) => c.name)).toEqual(['web', 'lone', 'db', 'task']);
    const rows = toTableRows(all, 'none', new Set(), usage);
    const usageOf = (id: string) => rows.find((row) => row.id === id);
    expect(usageOf('web-id')).toMatchObject({ usage: { cpuPercent: 5 } });
    expect(usageOf('db-id')).toMatchObject({ usage: undefined });
  });
});
