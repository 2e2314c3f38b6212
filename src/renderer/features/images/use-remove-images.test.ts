import { describe, expect, it } from 'vitest';
import { danglingName, type ImageRow } from './image-rows';
import { removalRequest } from './use-remove-images';

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
