import { describe, expect, inject, it } from 'vitest';
import { call, testBackend } from './calls';
import { BASE_LABEL, buildTestImage, docker, testBaseImage } from './docker';

const fixtures = inject('fixtureImages');

const rootfsLayers = async (reference: string): Promise<string[]> =>
  JSON.parse(await docker(['image', 'inspect', '--format', '{{json .RootFS.Layers}}', reference]));

describe('the test images', () => {
  const services = testBackend();

  it('are built on one base whose two layers they share, counted once', async () => {
    const base = await testBaseImage();
    const baseLayers = await rootfsLayers(base.id);
    expect(baseLayers).toHaveLength(2);
    for (const image of [fixtures.fixture, fixtures.layered]) {
      expect((await rootfsLayers(image.id)).slice(0, 2)).toEqual(baseLayers);
    }

    const { images } = await call(services, 'layers.sharing', {
      images: [fixtures.fixture.id, fixtures.layered.id],
    });
    const [fixture, layered] = images;
    const chainIds = (stack: typeof fixture) => stack?.layers.map((layer) => layer.chainId) ?? [];
    const shared = chainIds(fixture).filter((id) => chainIds(layered).includes(id));
    expect(shared).toEqual(chainIds(fixture).slice(0, 2));
    expect(shared).toEqual(chainIds(layered).slice(0, 2));
    // The fixture adds no layer of its own: all of it is the base, shared with the other.
    expect(fixture?.layers).toHaveLength(2);
    expect(fixture?.uniqueBytes).toBe(0);
    const baseBytes = (layered?.layers ?? []).slice(0, 2).reduce((sum, l) => sum + l.size, 0);
    expect(baseBytes).toBeGreaterThan(100_000);
    expect(fixture?.sharedBytes).toBe(baseBytes);
    expect(layered?.sharedBytes).toBe(baseBytes);
    expect(layered?.uniqueBytes).toBeGreaterThan(100_000);
  });

  it('name their base, so that only the base answers to its label', async () => {
    const base = await testBaseImage();
    const image = await buildTestImage({ tag: 'stowage-test/on-base:1', files: { '/x': 'x' } });
    expect((await rootfsLayers(image.id)).slice(0, 2)).toEqual(await rootfsLayers(base.id));
    const labelled = await docker([
      'images',
      '-aq',
      '--no-trunc',
      '--filter',
      `label=${BASE_LABEL}=${base.hash}`,
    ]);
    expect(labelled.split('\n')).toEqual([base.id]);
    expect(await testBaseImage()).toEqual(base);
  });
});
