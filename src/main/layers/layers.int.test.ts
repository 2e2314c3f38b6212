import { describe, expect, it } from 'vitest';
import type { CallInput } from '../../shared';
import { call, callEnvelope, openStream, testBackend } from '../../../test/support/calls';
import { buildTestImage, docker, TEST_LABEL_FILTER } from '../../../test/support/docker';

describe('layer analysis through the services', () => {
  const services = testBackend();

  it('reads the layered fixture, stacks its layers and pages through one layer’s changes', async () => {
    const analysis = openStream(services, 'layers.analyze', { image: 'stowage-test/layered:1.0' });
    const result = await analysis.end;
    const read = analysis.items.filter((item) => item.stage === 'read');
    const stacked = analysis.items.flatMap((item) =>
      item.stage === 'stacked' ? [item.layer] : [],
    );
    // The history's list comes first, then the layers as they are read and stacked.
    const [listed] = analysis.items;
    expect(listed?.stage === 'listed' && listed.layers.map((layer) => layer.instruction)).toEqual(
      stacked.map((layer) => layer.instruction),
    );
    expect(read.length).toBeGreaterThan(0);
    expect(read.every((item) => item.stage === 'read' && item.total === result.layers)).toBe(true);
    expect(stacked.map((layer) => layer.index)).toEqual([...Array(result.layers).keys()]);
    expect(stacked[0]?.instruction).toMatch(/COPY .*busybox/);
    expect(result.waste.efficiency).toBeGreaterThan(0);

    const replacing = stacked.find((layer) => layer.instruction.includes('rm -rf /opt/app'));
    expect(replacing?.counts).toMatchObject({ added: 1, removed: 3 });
    const page = await call(services, 'layers.changes', {
      image: 'stowage-test/layered:1.0',
      layer: replacing?.index ?? -1,
    });
    expect(page.changes.map((change) => [change.path, change.kind])).toEqual([
      ['opt/app/new', 'added'],
      ['opt/app/sub', 'removed'],
      ['opt/app/sub/y', 'removed'],
      ['opt/app/x', 'removed'],
    ]);
    const searched = await call(services, 'layers.changes', {
      image: result.imageId,
      layer: replacing?.index ?? -1,
      kinds: ['removed'],
      search: 'sub',
      limit: 1,
    });
    expect(searched).toEqual({
      total: 2,
      changes: [expect.objectContaining({ path: 'opt/app/sub' })],
    });
  });

  it('asks for an analysis before changes, and refuses bad input', async () => {
    expect(
      await callEnvelope(services, 'layers.changes', {
        image: 'stowage-test/fixture:1.0',
        layer: 0,
      }),
    ).toMatchObject({
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/not been analysed/) },
    });
    expect(await callEnvelope(services, 'layers.changes', { image: 'x', layer: -1 })).toMatchObject(
      {
        error: { code: 'INVALID_INPUT' },
      },
    );
    const missing = openStream(services, 'layers.analyze', { image: 'stowage-test/absent:1' });
    await expect(missing.end).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('layer trees and sharing through the services', () => {
  const services = testBackend();

  it('gives a layer’s tree with the removed paths, and the aggregated stack up to it', async () => {
    const analysis = openStream(services, 'layers.analyze', { image: 'stowage-test/layered:1.0' });
    const result = await analysis.end;
    const layers = analysis.items.flatMap((item) => (item.stage === 'stacked' ? [item.layer] : []));
    const replacing = layers.findIndex((layer) => layer.instruction.includes('rm -rf /opt/app'));
    const page = (input: Omit<CallInput<'layers.tree'>, 'image' | 'layer'>) =>
      call(services, 'layers.tree', { image: result.imageId, layer: replacing, ...input });
    const paths = (answer: { entries: { path: string; mark: string }[] }) =>
      answer.entries.map((entry) => [entry.path, entry.mark]);
    // The top level first, then each directory's children when asked; changes only.
    const top = await page({});
    expect(paths(top)).toEqual([['opt', 'unmodified']]);
    expect(top.entries[0]).toMatchObject({ childCount: 1, changedBelow: true });
    expect(top.counts).toMatchObject({ added: 1, removed: 3, unmodified: 2 });
    expect(paths(await page({ directory: 'opt' }))).toEqual([['opt/app', 'unmodified']]);
    expect(paths(await page({ directory: 'opt/app' }))).toEqual([
      ['opt/app/new', 'added'],
      ['opt/app/sub', 'removed'],
      ['opt/app/x', 'removed'],
    ]);
    expect(paths(await page({ directory: 'opt/app', marks: ['added'] }))).toEqual([
      ['opt/app/new', 'added'],
    ]);
    expect(paths(await page({ search: 'SUB' }))).toEqual([
      ['opt', 'unmodified'],
      ['opt/app', 'unmodified'],
      ['opt/app/sub', 'removed'],
      ['opt/app/sub/y', 'removed'],
    ]);

    // The aggregated tree: the whole stack, what the layer left alone as lower.
    const everything = ['added', 'modified', 'removed', 'unmodified', 'lower'] as const;
    const whole = await page({ aggregated: true, marks: [...everything] });
    expect(whole.entries.map((entry) => entry.path)).toEqual(['bin', 'etc', 'opt', 'srv']);
    expect(whole.counts.removed).toBe(3);
    const found = await page({ aggregated: true, marks: [...everything], search: 'bin/busybox' });
    expect(found.entries.map((entry) => entry.path)).toEqual(['bin', 'bin/busybox']);
    const busybox = found.entries[1];
    expect(busybox).toMatchObject({ type: 'file', mark: 'lower', childCount: 0 });
    expect(busybox?.size).toBeGreaterThan(100_000);
    const bin = await page({ aggregated: true, marks: ['lower'], directory: 'bin', limit: 3 });
    expect(bin.total).toBeGreaterThan(100);
    expect(bin.entries).toHaveLength(3);
    const largest = await page({
      aggregated: true,
      marks: ['lower'],
      directory: 'bin',
      sort: 'size',
      limit: 1,
    });
    expect(largest.entries).toEqual([expect.objectContaining({ path: 'bin/busybox' })]);
    expect(await page({ aggregated: true, directory: 'srv' })).toMatchObject({ total: 0 });

    expect(
      await callEnvelope(services, 'layers.tree', {
        image: result.imageId,
        layer: replacing,
        directory: 'no/such/place',
      }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(
      await callEnvelope(services, 'layers.tree', {
        image: result.imageId,
        layer: replacing,
        marks: ['sideways'],
      } as unknown as CallInput<'layers.tree'>),
    ).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  it('drops an analysis when the engine says its image is gone', async () => {
    const { imageId } = await openStream(services, 'layers.analyze', {
      image: 'stowage-test/fixture:1.0',
    }).end;
    await call(services, 'layers.tree', { image: imageId, layer: 0 });
    services.events.emit('engine.event', {
      type: 'image',
      action: 'delete',
      id: imageId,
      time: Date.now(),
      attributes: {},
    });
    expect(
      await callEnvelope(services, 'layers.tree', { image: 'stowage-test/fixture:1.0', layer: 0 }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('names the shared base layers of two images by the same chain ids', async () => {
    // Both are built on the one test base (testBaseImage), so they share its two layers.
    await buildTestImage({ tag: 'stowage-test/share-a:1', files: { '/a.txt': 'a' } });
    await buildTestImage({
      tag: 'stowage-test/share-b:1',
      files: { '/b.txt': 'b'.repeat(150_000) },
      extraDockerfileLines: ['CMD ["/bin/sh"]'],
    });
    const container = await docker([
      'create',
      '--label',
      TEST_LABEL_FILTER.slice('label='.length),
      'stowage-test/share-b:1',
    ]);
    const { images } = await call(services, 'layers.sharing', {
      images: ['stowage-test/share-a:1', 'stowage-test/share-b:1', 'stowage-test/share-a:1'],
    });
    const [first, second] = images;
    expect(images.map((image) => image.name)).toEqual([
      'stowage-test/share-a:1',
      'stowage-test/share-b:1',
    ]);
    expect(first?.containers).toEqual([]);
    expect(second?.containers).toEqual([
      expect.objectContaining({ id: container.trim(), state: 'created', sizeRw: 0 }),
    ]);
    const shared = (first?.layers ?? []).filter((layer) =>
      second?.layers.some((other) => other.chainId === layer.chainId),
    );
    expect(shared).toHaveLength(2);
    expect(first?.layers.slice(0, 2)).toEqual(second?.layers.slice(0, 2));
    expect(shared[0]?.size).toBeGreaterThan(100_000);
    expect(shared[0]?.instruction).toMatch(/COPY .*busybox/);
    const sharedBytes = shared.reduce((total, layer) => total + layer.size, 0);
    expect(first?.sharedBytes).toBe(sharedBytes);
    expect(second?.sharedBytes).toBe(sharedBytes);
    expect(second?.uniqueBytes).toBeGreaterThan(100_000);
    const total = (second?.layers ?? []).reduce((sum, layer) => sum + layer.size, 0);
    expect((second?.sharedBytes ?? 0) + (second?.uniqueBytes ?? 0)).toBe(total);
    expect(
      await callEnvelope(services, 'layers.sharing', { images: ['stowage-test/absent:1'] }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
