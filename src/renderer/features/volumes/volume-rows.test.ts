import { describe, expect, it } from 'vitest';
import type { VolumeSummary } from '../../../shared';
import {
  breadcrumbs,
  childPath,
  matchesSearch,
  nextSort,
  sortVolumeRows,
  toVolumeRow,
} from './volume-rows';
import { volumeRemovalRequest } from './use-remove-volumes';

const volume = (name: string, extra: Partial<VolumeSummary> = {}): VolumeSummary => ({
  name,
  driver: 'local',
  mountpoint: `/var/lib/docker/volumes/${name}/_data`,
  created: 0,
  labels: {},
  scope: 'local',
  size: null,
  containers: [],
  ...extra,
});

describe('volume rows', () => {
  const rows = [
    volume('app-data', { size: 500, created: 3, containers: [{ id: 'c1', name: 'web' }] }),
    volume('cache', { size: null, created: 2, labels: { team: 'ops' } }),
    volume('a'.repeat(64), { size: 10, created: 1 }),
  ].map(toVolumeRow);

  it('knows anonymous volumes by their engine-made names', () => {
    expect(rows.map((row) => row.anonymous)).toEqual([false, false, true]);
  });

  it('searches names, labels and the containers that use a volume', () => {
    expect(rows.filter((row) => matchesSearch(row, 'WEB')).map((r) => r.name)).toEqual([
      'app-data',
    ]);
    expect(rows.filter((row) => matchesSearch(row, 'team=ops')).map((r) => r.name)).toEqual([
      'cache',
    ]);
    expect(rows.filter((row) => matchesSearch(row, '  '))).toHaveLength(3);
  });

  it('sorts by size with unknown sizes last when descending, and by name', () => {
    expect(sortVolumeRows(rows, { key: 'size', direction: 'desc' }).map((row) => row.size)).toEqual(
      [500, 10, null],
    );
    expect(sortVolumeRows(rows, { key: 'name', direction: 'asc' })[0]?.name).toBe('a'.repeat(64));
    expect(nextSort({ key: 'name', direction: 'asc' }, 'name').direction).toBe('desc');
    expect(nextSort({ key: 'name', direction: 'asc' }, 'size').direction).toBe('desc');
  });
});

describe('volume paths in the browser', () => {
  it('has a breadcrumb per directory from the root', () => {
    expect(breadcrumbs('/')).toEqual([{ label: '/', path: '/' }]);
    expect(breadcrumbs('/a/b')).toEqual([
      { label: '/', path: '/' },
      { label: 'a', path: '/a' },
      { label: 'b', path: '/a/b' },
    ]);
    expect(childPath('/', 'x')).toBe('/x');
    expect(childPath('/a', 'x')).toBe('/a/x');
  });
});

describe('removal confirmations', () => {
  const used = toVolumeRow(volume('app-data', { containers: [{ id: 'c1', name: 'web' }] }));
  const free = toVolumeRow(volume('cache'));

  it('names every volume, and the containers that use one', () => {
    const request = volumeRemovalRequest([used, free], false);
    expect(request.title).toBe('Remove these 2 volumes?');
    expect(request.items).toEqual(['app-data (used by web)', 'cache']);
    expect(request.confirmLabel).toBe('Remove');
  });

  it('says that a forced removal takes the containers with it, by name', () => {
    const request = volumeRemovalRequest([used], true);
    expect(request.title).toBe('Force-remove this volume?');
    expect(request.message).toContain('web');
    expect(request.confirmLabel).toBe('Force remove');
  });
});
