import { describe, expect, it } from 'vitest';
import { call, callEnvelope, openStream, testServices } from '../../../test/support/calls';

describe('layer analysis through the services', () => {
  const services = testServices();

  it('reads the layered fixture, stacks its layers and pages through one layer’s changes', async () => {
    const analysis = openStream(services, 'layers.analyze', { image: 'stowage-test/layered:1.0' });
    const result = await analysis.end;
    const read = analysis.items.filter((item) => item.stage === 'read');
    const stacked = analysis.items.flatMap((item) =>
      item.stage === 'stacked' ? [item.layer] : [],
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
