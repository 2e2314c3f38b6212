import { describe, expect, it } from 'vitest';
import { danglingName, type ImageRow } from './image-rows';
import type { ContainerSummary } from '../../../shared';
import { imageUsers, removalRequest } from './use-remove-images';

const row = (overrides: Partial<ImageRow>): ImageRow => ({
  id: 'sha256:' + 'a'.repeat(64),
  shortId: 'aaaaaaaaaaaa',
  name: 'app:1.0',
  extraTags: [],
  size: 1,
  created: 1,
  containers: 0,
  ...overrides,
});

describe('the removal confirmation', () => {
  it('names every image with all its tags, and untagged ones by id', () => {
    const request = removalRequest(
      [row({ extraTags: ['app:latest'] }), row({ name: danglingName, shortId: 'bbbbbbbbbbbb' })],
      false,
    );
    expect(request.title).toBe('Remove these 2 images?');
    expect(request.items).toEqual(['app:1.0, app:latest', 'bbbbbbbbbbbb (untagged)']);
    expect(request.confirmLabel).toBe('Remove');
  });

  it('says plainly when it forces', () => {
    const request = removalRequest([row({})], true);
    expect(request.title).toBe('Force-remove this image?');
    expect(request.message).toMatch(/even though containers use them/);
  });
});

describe('removing an image in use', () => {
  it('names the containers that use it and offers force before anything is tried', () => {
    const id = 'sha256:' + 'c'.repeat(64);
    const users = imageUsers([
      { imageId: id, name: 'web' },
      { imageId: id, name: 'web-2' },
    ] as ContainerSummary[]);
    const request = removalRequest(
      [row({ id, containers: 2 }), row({ name: 'idle:1' })],
      false,
      users,
    );
    expect(request.inUse?.message).toMatch(
      /^app:1\.0 is used by web, web-2\. Remove leaves it alone/,
    );
    expect(request.inUse?.forceLabel).toBe('Force remove');
  });

  it('counts the users when their names are not known yet, and says nothing when unused', () => {
    expect(removalRequest([row({ containers: 3 })], false).inUse?.message).toMatch(
      /^app:1\.0 is used by 3 containers\./,
    );
    expect(removalRequest([row({})], false).inUse).toBeUndefined();
    expect(removalRequest([row({ containers: 1 })], true).inUse).toBeUndefined();
  });
});
