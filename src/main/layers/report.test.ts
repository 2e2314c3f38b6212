import { describe, expect, it } from 'vitest';
import type { ImageAnalysis } from './analysis';
import type { LayerEntry } from './tree/model';
import {
  checkCiRules,
  defaultCiRules,
  formatReport,
  layerChangeLines,
  layersReport,
  parseByteSize,
} from './report';

const entry = (path: string, size: number, extra: Partial<LayerEntry> = {}): LayerEntry => ({
  path,
  type: 'file',
  size,
  mode: 0o644,
  uid: 0,
  gid: 0,
  ...extra,
});

const analysis: ImageAnalysis = {
  imageId: 'sha256:abc',
  layers: [
    {
      summary: {
        index: 0,
        diffId: 'sha256:d0',
        instruction: 'COPY rootfs /',
        tarBytes: 1000,
        blobBytes: 1500,
        deltaBytes: 1000,
        counts: { added: 2, modified: 0, removed: 0, unmodified: 0 },
      },
      changes: [
        { path: 'b', kind: 'added', entry: entry('b', 600) },
        { path: 'a', kind: 'added', entry: entry('a', 400) },
      ],
    },
    {
      summary: {
        index: 1,
        diffId: 'sha256:d1',
        instruction: 'RUN rm /b && ln -s a /c',
        tarBytes: 0,
        blobBytes: 1024,
        deltaBytes: -600,
        counts: { added: 1, modified: 0, removed: 1, unmodified: 1 },
      },
      changes: [
        { path: 'etc', kind: 'unmodified', entry: entry('etc', 0, { type: 'dir' }) },
        { path: 'c', kind: 'added', entry: entry('c', 0, { type: 'symlink', linkTarget: 'a' }) },
        { path: 'b', kind: 'removed', entry: entry('b', 600) },
      ],
    },
  ],
  waste: {
    efficiency: 0.6,
    wastedBytes: 1200,
    userWastedPercent: 0.5,
    reclaimableBytes: 600,
    causes: [{ path: 'b', bytes: 600, layers: 2 }],
    inefficiencies: [{ path: 'b', count: 2, cumulativeBytes: 1200 }],
  },
};

describe('the layers report', () => {
  it('lists the layers with their counts, and the waste figures; tags sorted', () => {
    const report = layersReport({ id: 'sha256:abc', tags: ['z:1', 'a:1'] }, analysis);
    expect(report.image).toEqual({ id: 'sha256:abc', tags: ['a:1', 'z:1'], size: 1000 });
    expect(report.layers[1]).toEqual({
      index: 1,
      diffId: 'sha256:d1',
      createdBy: 'RUN rm /b && ln -s a /c',
      tarBytes: 0,
      deltaBytes: -600,
      added: 1,
      modified: 0,
      removed: 1,
    });
    expect(report).toMatchObject({ efficiency: 0.6, wastedBytes: 1200, reclaimableBytes: 600 });
    expect(report.inefficiencies).toEqual([{ path: 'b', count: 2, cumulativeBytes: 1200 }]);
    expect(formatReport(report)).toMatch(/2 layers[\s\S]*RUN rm \/b[\s\S]*Efficiency 60\.00 %/);
  });

  it("lists a layer's changes sorted by path, without the unmodified ones", () => {
    expect(layerChangeLines(analysis, 1)).toEqual([
      { path: 'b', change: 'removed', type: 'file', size: 600, mode: 0o644, uid: 0, gid: 0 },
      {
        path: 'c',
        change: 'added',
        type: 'symlink',
        size: 0,
        mode: 0o644,
        uid: 0,
        gid: 0,
        linkTarget: 'a',
      },
    ]);
    expect(layerChangeLines(analysis, 0).map((line) => line.path)).toEqual(['a', 'b']);
    expect(() => layerChangeLines(analysis, 2)).toThrow(/from 0 to 1: the image has 2 layers/);
  });

  it('checks the CI rules that are on, as dive does', () => {
    const report = layersReport({ id: 'sha256:abc', tags: [] }, analysis);
    expect(checkCiRules(report, defaultCiRules).map((r) => [r.rule, r.passed])).toEqual([
      ['lowest-efficiency', false],
      ['highest-user-wasted-percent', false],
    ]);
    expect(
      checkCiRules(report, { lowestEfficiency: 0.5, highestWastedBytes: 1200 }).every(
        (r) => r.passed,
      ),
    ).toBe(true);
    expect(checkCiRules(report, { highestWastedBytes: 1199 })[0]?.passed).toBe(false);
    expect(checkCiRules(report, {})).toEqual([]);
  });

  it.each([
    ['20MB', 20_000_000],
    ['1.5 GiB', 1.5 * 1024 ** 3],
    ['4096', 4096],
    ['10kb', 10_000],
    ['12 parsecs', undefined],
    ['-1MB', undefined],
    ['', undefined],
  ])('reads the size %j as %j bytes', (text, bytes) => expect(parseByteSize(text)).toBe(bytes));
});
