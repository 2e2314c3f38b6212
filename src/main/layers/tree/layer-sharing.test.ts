import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  chainIds,
  layersFromHistory,
  sharedAndUniqueBytes,
  withMeasuredSizes,
} from './layer-sharing';

const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

describe('chain ids', () => {
  it('are the diff id at the base, then the hash of the chain below, a space and the diff id', () => {
    const [d0, d1, d2] = [sha('a'), sha('b'), sha('c')];
    const c1 = sha(`${d0} ${d1}`);
    expect(chainIds([d0, d1, d2])).toEqual([d0, c1, sha(`${c1} ${d2}`)]);
    expect(chainIds([])).toEqual([]);
  });

  it('differ for the same layer over different layers below', () => {
    const [a, b, top] = [sha('a'), sha('b'), sha('top')];
    expect(chainIds([a, top])[1]).not.toBe(chainIds([b, top])[1]);
  });
});

describe('layers from the image history', () => {
  it('skips metadata instructions and keeps zero-byte RUN layers', () => {
    const history = [
      { CreatedBy: 'CMD ["/bin/sh"]', Size: 0 },
      { CreatedBy: 'RUN /bin/sh -c chown 1 /x # buildkit', Size: 0 },
      { CreatedBy: 'ENV A=1', Size: 0 },
      { CreatedBy: 'COPY busybox /bin/ # buildkit', Size: 1200 },
    ];
    expect(layersFromHistory(history, 2)).toEqual([
      { instruction: 'COPY busybox /bin/ # buildkit', size: 1200 },
      { instruction: 'RUN /bin/sh -c chown 1 /x # buildkit', size: 0 },
    ]);
  });

  it('falls back to the entries with bytes, and gives up when nothing matches', () => {
    const history = [
      { CreatedBy: '/bin/sh -c apk add x', Size: 500 },
      { CreatedBy: '/bin/sh -c echo', Size: 0 },
      { CreatedBy: '/bin/sh -c #(nop) ADD file:abc in /', Size: 100 },
    ];
    expect(layersFromHistory(history, 2)?.map((layer) => layer.size)).toEqual([100, 500]);
    expect(layersFromHistory(history, 5)).toBeUndefined();
  });
});

describe('shared and unique bytes', () => {
  it('count a layer as shared when another image has the same chain id', () => {
    const figures = sharedAndUniqueBytes([
      {
        layers: [
          { chainId: 'c0', size: 10 },
          { chainId: 'c1', size: 5 },
          { chainId: 'a', size: 3 },
        ],
      },
      {
        layers: [
          { chainId: 'c0', size: 10 },
          { chainId: 'c1', size: 5 },
          { chainId: 'b', size: 7 },
        ],
      },
      { layers: [{ chainId: 'x', size: 1 }] },
    ]);
    expect(figures).toEqual([
      { sharedBytes: 15, uniqueBytes: 3 },
      { sharedBytes: 15, uniqueBytes: 7 },
      { sharedBytes: 0, uniqueBytes: 1 },
    ]);
  });
});

describe('one size per layer across images', () => {
  // The fixture's base: busybox (1,982,256 bytes of file) and its symlinks, 0 bytes of file
  // that the history counts as 3,216 (the names of their targets).
  const measured = {
    exactSizes: true,
    layers: [
      { chainId: 'c-busybox', size: 1_982_256 },
      { chainId: 'c-links', size: 0 },
      { chainId: 'c-app', size: 100 },
    ],
  };
  const fromHistory = {
    exactSizes: false,
    layers: [
      { chainId: 'c-busybox', size: 1_982_256 },
      { chainId: 'c-links', size: 3_216 },
      { chainId: 'c-other', size: 7 },
    ],
  };

  it('gives a shared layer its measured size in every stack, so shared bytes agree', () => {
    const [first, second] = withMeasuredSizes([measured, fromHistory]);
    expect(second?.layers.map((layer) => layer.size)).toEqual([1_982_256, 0, 7]);
    expect(second?.exactSizes).toBe(false);
    const [a, b] = sharedAndUniqueBytes([first ?? measured, second ?? fromHistory]);
    expect(a?.sharedBytes).toBe(b?.sharedBytes);
  });

  it('calls a stack exact once every layer of it is measured somewhere', () => {
    const onlyBase = { exactSizes: false, layers: fromHistory.layers.slice(0, 2) };
    expect(withMeasuredSizes([onlyBase, measured])[0]?.exactSizes).toBe(true);
    expect(withMeasuredSizes([fromHistory])).toEqual([fromHistory]);
  });
});
