import { describe, expect, it } from 'vitest';
import { plural } from './plural';

describe('plural', () => {
  it.each([
    [1, 'layer', undefined, '1 layer'],
    [0, 'layer', undefined, '0 layers'],
    [2, 'revision', undefined, '2 revisions'],
    [1, 'registry', 'registries', '1 registry'],
    [5, 'registry', 'registries', '5 registries'],
    [1, 'match', 'matches', '1 match'],
  ])('%i %s reads as it should', (count, one, many, text) => {
    expect(plural(count, one, many)).toBe(text);
  });
});
