import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { listenerCountingEngine } from '../../../test/support/listener-counting-engine';
import { imageStacks } from './image-stacks';

describe('image stacks over many images', () => {
  it('keeps the abort listeners on the call signal under Node’s warning threshold', async () => {
    const engine = listenerCountingEngine((path) => {
      const inspected = /^\/images\/(image-\d+)\/json$/.exec(path);
      if (inspected) return { Id: `sha256:${inspected[1]}`, RootFS: { Layers: ['sha256:l1'] } };
      if (path.endsWith('/history')) return [{ CreatedBy: 'RUN true', Size: 1 }];
      return [];
    });
    const names = Array.from({ length: 30 }, (_, index) => `image-${index}`);
    const signal = new AbortController().signal;
    const { images } = await imageStacks(engine.docker, names, signal, () => undefined);
    expect(images.map((image) => image.id)).toEqual(names.map((name) => `sha256:${name}`));
    expect(engine.peak()).toBeGreaterThan(0);
    expect(engine.peak()).toBeLessThanOrEqual(10);
    expect(getEventListeners(signal, 'abort')).toEqual([]);
  });
});
