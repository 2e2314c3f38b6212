import { describe, expect, it } from 'vitest';
import type { LayerContents, LayerEntry } from './model';
import { wasteReport, type LowerSubtreeBytes } from './waste';

const file = (path: string, size: number): LayerEntry => ({
  path,
  type: 'file',
  size,
  mode: 0o644,
  uid: 0,
  gid: 0,
});
const dir = (path: string): LayerEntry => ({
  path,
  type: 'dir',
  size: 0,
  mode: 0o755,
  uid: 0,
  gid: 0,
});
const contents = (
  entries: LayerEntry[],
  deletions: string[] = [],
  opaqueDirectories: string[] = [],
): LayerContents => ({
  entries,
  deletions,
  opaqueDirectories,
});
const nothingBelow: LowerSubtreeBytes = () => ({ bytes: 0, wasDirectory: false });

describe('waste figures', () => {
  it('is fully efficient when no path repeats', () => {
    const report = wasteReport(
      [{ contents: contents([dir('a'), file('a/x', 100)]), lower: nothingBelow }],
      [100],
    );
    expect(report).toMatchObject({
      efficiency: 1,
      wastedBytes: 0,
      userWastedPercent: 0,
      reclaimableBytes: 0,
    });
  });

  it('counts a file written twice as dive does, and what removing the first copy would save', () => {
    // Layer 0 writes a 1000-byte file, layer 1 rewrites it with 600 bytes, layer 2 adds 400 new.
    const report = wasteReport(
      [
        { contents: contents([dir('app'), file('app/big', 1000)]), lower: nothingBelow },
        { contents: contents([dir('app'), file('app/big', 600)]), lower: nothingBelow },
        { contents: contents([file('other', 400)]), lower: nothingBelow },
      ],
      [1000, 600, 400],
    );
    // Leaves: app/big (1000, 600), other (400). Σ cum = 2000, Σ min = 600 + 400.
    expect(report.efficiency).toBeCloseTo(1000 / 2000);
    expect(report.wastedBytes).toBe(1600);
    expect(report.userWastedPercent).toBeCloseTo(1600 / 1000);
    expect(report.reclaimableBytes).toBe(1000);
    expect(report.causes).toEqual([{ path: 'app/big', bytes: 1000, layers: 2 }]);
    expect(report.inefficiencies).toEqual([{ path: 'app/big', count: 2, cumulativeBytes: 1600 }]);
  });

  it('weighs a whiteout of a directory by what it deleted, and a file whiteout as nothing', () => {
    const lower: LowerSubtreeBytes = (path) =>
      path === 'cache' ? { bytes: 5000, wasDirectory: true } : { bytes: 300, wasDirectory: false };
    const report = wasteReport(
      [
        {
          contents: contents([dir('cache'), file('cache/blob', 5000), file('tmpfile', 300)]),
          lower: nothingBelow,
        },
        { contents: contents([], ['cache', 'tmpfile']), lower },
      ],
      [5300, 0],
    );
    // cache/blob is a leaf of layer 0; the whiteout node `cache` is a leaf of layer 1 (5000);
    // tmpfile appears in both (300 then 0).
    expect(report.wastedBytes).toBe(300);
    expect(report.efficiency).toBeCloseTo((5000 + 5000 + 0) / (5000 + 5000 + 300));
    expect(report.reclaimableBytes).toBe(300 + 5000);
    expect(report.causes[0]).toEqual({ path: 'cache', bytes: 5000, layers: 1 });
    expect(report.inefficiencies).toEqual([{ path: 'tmpfile', count: 2, cumulativeBytes: 300 }]);
  });

  it('counts what an opaque directory hides as reclaimable', () => {
    const lower: LowerSubtreeBytes = () => ({ bytes: 800, wasDirectory: true });
    const report = wasteReport(
      [
        { contents: contents([dir('opt'), file('opt/old', 800)]), lower: nothingBelow },
        { contents: contents([dir('opt'), file('opt/new', 10)], [], ['opt']), lower },
      ],
      [800, 10],
    );
    expect(report.reclaimableBytes).toBe(800);
    expect(report.wastedBytes).toBe(0);
  });
});
