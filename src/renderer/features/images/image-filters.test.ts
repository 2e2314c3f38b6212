import { describe, expect, it } from 'vitest';
import { imageFilters, matchesFilter } from './image-filters';
import { toImageRow } from './image-rows';

const image = (repoTags: string[], containers: number) =>
  toImageRow({
    id: `sha256:${String(containers).repeat(64)}`,
    repoTags,
    repoDigests: [],
    size: 1,
    created: 0,
    containers,
    labels: {},
  });

describe('image filters', () => {
  const rows = {
    dangling: image(['<none>:<none>'], 0),
    used: image(['app:1'], 2),
    unused: image(['app:2'], 0),
  };

  it.each([
    ['all', ['dangling', 'used', 'unused']],
    ['dangling', ['dangling']],
    ['in-use', ['used']],
    ['unused', ['dangling', 'unused']],
  ] as const)('%s keeps %j', (filter, kept) => {
    expect(imageFilters).toContain(filter);
    const shown = Object.entries(rows).filter(([, row]) => matchesFilter(row, filter));
    expect(shown.map(([name]) => name)).toEqual(kept);
  });
});
