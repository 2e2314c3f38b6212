import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calls, streams } from '../../src/shared';
import { inputFor, junk, seededRandom, valueFor } from './generate';

describe('fuzz input generation', () => {
  it('is reproducible from its seed', () => {
    const first = seededRandom(42);
    const second = seededRandom(42);
    expect(Array.from({ length: 5 }, first)).toEqual(Array.from({ length: 5 }, second));
  });

  it('produces both valid and invalid inputs for every call and stream of the contract', () => {
    const random = seededRandom(7);
    for (const spec of [...Object.values(calls), ...Object.values(streams)]) {
      const outcomes = new Set<boolean>();
      for (let i = 0; i < 200; i++)
        outcomes.add(spec.input.safeParse(inputFor(spec.input, random)).success);
      expect(outcomes.has(true)).toBe(true);
      expect(outcomes.has(false)).toBe(true);
    }
  });

  it('reaches the boundaries of number checks', () => {
    const random = seededRandom(3);
    const schema = z.number().int().min(1).max(10);
    const values = new Set(Array.from({ length: 500 }, () => valueFor(schema, random)));
    for (const boundary of [0, 1, 10, 11]) expect(values.has(boundary)).toBe(true);
  });

  it('makes junk that JSON can carry', () => {
    const random = seededRandom(9);
    for (let i = 0; i < 200; i++) {
      const value = junk(random);
      expect(() => JSON.stringify(value)).not.toThrow();
    }
  });
});
