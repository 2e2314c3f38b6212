import { describe, expect, it } from 'vitest';
import { formatBytes, formatMemory } from './bytes';

describe('formatBytes', () => {
  it('prints small sizes in bytes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
  });

  it('uses powers of 1000 and three significant digits like docker', () => {
    expect(formatBytes(1000)).toBe('1 kB');
    expect(formatBytes(1234)).toBe('1.23 kB');
    expect(formatBytes(4_270_000)).toBe('4.27 MB');
    expect(formatBytes(4_274_999)).toBe('4.27 MB');
    expect(formatBytes(123_456_789)).toBe('123 MB');
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB');
  });

  it('moves to the next unit when rounding reaches 1000', () => {
    expect(formatBytes(999_600)).toBe('1 MB');
    expect(formatBytes(999_400)).toBe('999 kB');
  });

  it('tolerates nonsense', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('formatMemory', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [2 * 1024 ** 3, '2 GiB'],
    [1920 * 1024 ** 2, '1.88 GiB'],
    [1536 * 1024, '1.5 MiB'],
    [-1, '—'],
  ])('%d bytes read as %s', (bytes, text) => {
    expect(formatMemory(bytes)).toBe(text);
  });
});
