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

  // One test per entry, each with the same fixed budget, stopping as soon as both kinds came:
  // the cost of one entry does not grow with the contract, and the whole grows by one entry's.
  const maxTries = 200;
  const entries = [...Object.entries(calls), ...Object.entries(streams)];

  it('has the contract to work on', () => {
    expect(entries.length).toBeGreaterThanOrEqual(50);
  });

  it.each(entries)('produces both valid and invalid inputs for %s', (name, spec) => {
    const random = seededRandom(7);
    const outcomes = new Set<boolean>();
    let tries = 0;
    while (outcomes.size < 2 && tries < maxTries) {
      tries++;
      outcomes.add(spec.input.safeParse(inputFor(spec.input, random)).success);
    }
    expect([...outcomes].sort(), `${name} after ${tries} inputs`).toEqual([false, true]);
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
