import { describe, expect, it } from 'vitest';
import { formatDockerSize } from './format';

describe('formatDockerSize', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1_000, '1 kB'],
    [1_536, '1.54 kB'],
    [4_270_000, '4.27 MB'],
    [4_274_999, '4.27 MB'],
    [72_800_000, '72.8 MB'],
    [142_000_000, '142 MB'],
    [999_499, '999 kB'],
    [999_500, '1 MB'],
    [1_500_000_000, '1.5 GB'],
  ])('prints %d bytes as %s, like `docker images`', (bytes, expected) => {
    expect(formatDockerSize(bytes)).toBe(expected);
  });
});
