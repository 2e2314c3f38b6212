import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../shared';
import { danglingName, matchesSearch, nextSort, sortImageRows, toImageRow } from './image-rows';

function image(overrides: Partial<ImageSummary>): ImageSummary {
  return {
    id: 'sha256:aaaaaaaaaaaaaaaaaaaaaaaa',
    repoTags: [],
    repoDigests: [],
    size: 1000,
    created: 0,
    containers: 0,
    labels: {},
    ...overrides,
  };
}

const web = toImageRow(
  image({ id: 'sha256:1111aaaa2222bbbb', repoTags: ['web:2', 'web:latest'], created: 30 }),
);
const api = toImageRow(
  image({ id: 'sha256:3333cccc4444dddd', repoTags: ['Api:1'], size: 5000, created: 10 }),
);
const dangling = toImageRow(image({ id: 'sha256:5555eeee6666ffff', created: 20, size: 10 }));

describe('toImageRow', () => {
  it('lists an image under its first tag and keeps the others as extra tags', () => {
    expect(web.name).toBe('web:2');
    expect(web.extraTags).toEqual(['web:latest']);
    expect(web.shortId).toBe('1111aaaa2222');
  });

  it('lists an image under its plainest name', () => {
    const row = toImageRow(
      image({ repoTags: ['localhost:5000/team/app:1.0', 'team/app:1.0', 'team/app:latest'] }),
    );
    expect(row.name).toBe('team/app:1.0');
    expect(row.extraTags).toEqual(['team/app:latest', 'localhost:5000/team/app:1.0']);
  });

  it('names a dangling image <none>:<none>, also when the engine spells it out', () => {
    expect(dangling.name).toBe(danglingName);
    expect(toImageRow(image({ repoTags: ['<none>:<none>'] })).name).toBe(danglingName);
  });
});

describe('matchesSearch', () => {
  it('matches names case-insensitively', () => {
    expect(matchesSearch(api, 'api')).toBe(true);
    expect(matchesSearch(web, 'LATEST')).toBe(true);
    expect(matchesSearch(web, 'api')).toBe(false);
  });

  it('matches the id', () => {
    expect(matchesSearch(api, '3333CCCC')).toBe(true);
    expect(matchesSearch(api, 'sha256:3333')).toBe(true);
  });

  it('matches everything for an empty search', () => {
    expect(matchesSearch(dangling, '  ')).toBe(true);
  });
});

describe('sortImageRows', () => {
  const rows = [api, dangling, web];
  const ids = (sorted: typeof rows) => sorted.map((row) => row.name);

  it('sorts by created, newest first by default', () => {
    expect(ids(sortImageRows(rows, { key: 'created', direction: 'desc' }))).toEqual([
      'web:2',
      danglingName,
      'Api:1',
    ]);
  });

  it('sorts names case-insensitively with dangling images last both ways', () => {
    expect(ids(sortImageRows(rows, { key: 'name', direction: 'asc' }))).toEqual([
      'Api:1',
      'web:2',
      danglingName,
    ]);
    expect(ids(sortImageRows(rows, { key: 'name', direction: 'desc' }))).toEqual([
      'web:2',
      'Api:1',
      danglingName,
    ]);
  });

  it('sorts numbers both ways and leaves the input alone', () => {
    expect(ids(sortImageRows(rows, { key: 'size', direction: 'asc' }))).toEqual([
      danglingName,
      'web:2',
      'Api:1',
    ]);
    expect(rows[0]).toBe(api);
  });
});

describe('nextSort', () => {
  it('flips the direction of the current column', () => {
    expect(nextSort({ key: 'name', direction: 'asc' }, 'name')).toEqual({
      key: 'name',
      direction: 'desc',
    });
  });

  it('starts names ascending and quantities descending', () => {
    expect(nextSort({ key: 'created', direction: 'desc' }, 'name').direction).toBe('asc');
    expect(nextSort({ key: 'name', direction: 'asc' }, 'size').direction).toBe('desc');
  });
});
