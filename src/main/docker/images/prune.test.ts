import { describe, expect, it } from 'vitest';
import { splitTag } from './api';
import { inPruneScope, toPrunePreview, type RawImageUsage } from './map';

const usage = (id: string, tags: string[] | null, containers: number, size = 100, shared = 0) =>
  ({
    Id: id,
    RepoTags: tags,
    Size: size,
    SharedSize: shared,
    Containers: containers,
    Created: 1_700_000_000,
  }) satisfies RawImageUsage;

describe('prune scope and preview', () => {
  const images = [
    usage('sha256:dangling', ['<none>:<none>'], 0, 300, 100),
    usage('sha256:untagged-in-use', null, 1),
    usage('sha256:unused', ['app:1', 'app:latest'], 0, 500, -1),
    usage('sha256:used', ['db:1'], 2),
  ];

  it('never takes an image a container uses; dangling means without a real tag', () => {
    expect(images.filter((i) => inPruneScope(i, 'dangling')).map((i) => i.Id)).toEqual([
      'sha256:dangling',
    ]);
    expect(images.filter((i) => inPruneScope(i, 'unused')).map((i) => i.Id)).toEqual([
      'sha256:dangling',
      'sha256:unused',
    ]);
  });

  it('lists the largest first and counts the bytes no other image shares', () => {
    const preview = toPrunePreview(images, 'unused');
    expect(preview.images.map((image) => [image.id, image.repoTags])).toEqual([
      ['sha256:unused', ['app:1', 'app:latest']],
      ['sha256:dangling', []],
    ]);
    // 300 - 100 shared, and 500 with an unknown (-1) shared size.
    expect(preview.reclaimableBytes).toBe(200 + 500);
    expect(preview.images[0]?.created).toBe(1_700_000_000_000);
  });
});

describe('tag names', () => {
  it.each([
    ['app', 'app', 'latest'],
    ['app:1.0', 'app', '1.0'],
    ['localhost:5000/team/app', 'localhost:5000/team/app', 'latest'],
    ['localhost:5000/team/app:2', 'localhost:5000/team/app', '2'],
  ])('%s is %s tagged %s', (reference, repository, tag) =>
    expect(splitTag(reference)).toEqual({ repository, tag }),
  );
});
