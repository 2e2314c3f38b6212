import { describe, expect, it } from 'vitest';
import { parseLabelLines, volumeNameSchema, volumePathParts, volumePathSchema } from './volumes';

describe('volume names', () => {
  it('are validated as the engine validates them', () => {
    for (const good of ['ab', 'app-data', 'a.b_c-1', 'A9']) {
      expect(volumeNameSchema.safeParse(good).success).toBe(true);
    }
    for (const bad of ['a', '-ab', '.ab', 'a b', 'a/b', 'ä1', '']) {
      expect(volumeNameSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('volume paths', () => {
  it('start at the root and never climb out', () => {
    expect(volumePathSchema.safeParse('/').success).toBe(true);
    expect(volumePathSchema.safeParse('/logs/2024').success).toBe(true);
    for (const bad of ['logs', '/../etc', '/a/../../b', '/a/./b', '/a\0b']) {
      expect(volumePathSchema.safeParse(bad).success).toBe(false);
    }
    expect(volumePathParts('/a//b/')).toEqual(['a', 'b']);
    expect(volumePathParts('/')).toEqual([]);
  });
});

describe('label lines', () => {
  it('reads key=value lines, a key alone as an empty value, and skips blank lines', () => {
    expect(parseLabelLines('team=web\n\n  tier = front \nflag')).toEqual({
      labels: { team: 'web', tier: 'front', flag: '' },
    });
  });

  it('names the first line that is wrong', () => {
    expect(parseLabelLines('a=1\n=x')).toEqual({ problem: 'Line 2: A label needs a key.' });
    expect(parseLabelLines('a b=1')).toMatchObject({ problem: /Line 1: .*no spaces/ });
    expect(parseLabelLines('a=1\na=2')).toEqual({ problem: 'Line 2: a is given twice.' });
  });
});
