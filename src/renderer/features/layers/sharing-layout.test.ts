import { describe, expect, it } from 'vitest';
import type { ImageStack } from '../../../shared';
import { defaultLayout, layoutSharing } from './sharing-layout';

const stack = (
  id: string,
  layers: [chainId: string, size: number][],
  containers: number[] = [],
): ImageStack => ({
  id,
  name: `${id}:1`,
  layers: layers.map(([chainId, size]) => ({ chainId, diffId: chainId, size, instruction: '' })),
  containers: containers.map((sizeRw, index) => ({
    id: `${id}-c${index}`,
    name: `c${index}`,
    state: 'running',
    sizeRw,
  })),
  sharedBytes: 0,
  uniqueBytes: 0,
  exactSizes: true,
});

const options = { ...defaultLayout, columnWidth: 100, gap: 10, plotHeight: 100, minLayerHeight: 2 };

describe('the sharing layout', () => {
  it('draws a shared layer once, across the stacks that have it, at the same height', () => {
    const layout = layoutSharing(
      [
        stack('a', [
          ['base', 50],
          ['a1', 50],
        ]),
        stack('x', [['other', 20]]),
        stack('b', [
          ['base', 50],
          ['b1', 10],
        ]),
      ],
      options,
    );
    // a and b share their base, so they stand side by side; x comes after them.
    expect(layout.columns.map((column) => column.image.id)).toEqual(['a', 'b', 'x']);
    const base = layout.blocks.filter((block) => block.chainId === 'base');
    expect(base).toEqual([
      expect.objectContaining({ images: ['a', 'b'], x: 0, width: 210, bottom: 0, height: 50 }),
    ]);
    const a1 = layout.blocks.find((block) => block.chainId === 'a1');
    const b1 = layout.blocks.find((block) => block.chainId === 'b1');
    expect(a1).toMatchObject({ x: 0, width: 100, bottom: 50, height: 50, images: ['a'] });
    expect(b1).toMatchObject({ x: 110, width: 100, bottom: 50, height: 10 });
    expect(layout.blocks.find((block) => block.chainId === 'other')).toMatchObject({ x: 220 });
    expect(layout.width).toBe(320);
  });

  it('draws layers to scale, with a least height for empty ones', () => {
    const first = stack('a', [
      ['l0', 60],
      ['l1', 0],
      ['l2', 40],
    ]);
    const layout = layoutSharing([first, stack('b', [['m0', 50]])], options);
    expect(layout.blocks.map((block) => [block.chainId, block.bottom, block.height])).toEqual([
      ['l0', 0, 60],
      ['m0', 0, 50],
      ['l1', 60, 2],
      ['l2', 62, 40],
    ]);
    expect(layout.columns.map((column) => column.top)).toEqual([102, 50]);
  });

  it('puts containers on top as thin read-write layers, and counts those left out', () => {
    const layout = layoutSharing(
      [stack('a', [['l0', 100]], [0, 10, 1_000, 5, 5, 5, 5, 5])],
      options,
    );
    const [column] = layout.columns;
    expect(column?.containers.map((container) => container.height)).toEqual([4, 10, 24, 5, 5, 5]);
    expect(column?.containers[0]?.bottom).toBe(102);
    expect(column?.hiddenContainers).toBe(2);
    const top = column?.containers.at(-1);
    expect(layout.height).toBe((top?.bottom ?? 0) + (top?.height ?? 0));
  });

  it('keeps an image of the same base as another, but no layer of its own, above that base', () => {
    const layout = layoutSharing(
      [
        stack('a', [['base', 10]]),
        stack('b', [
          ['base', 10],
          ['b1', 10],
        ]),
      ],
      options,
    );
    expect(layout.blocks.filter((block) => block.chainId === 'base')[0]?.images).toEqual([
      'a',
      'b',
    ]);
    expect(layout.columns.map((column) => [column.image.id, column.top])).toEqual([
      ['a', 50],
      ['b', 100],
    ]);
  });
});
