import { describe, expect, it } from 'vitest';
import { randomHex, randomUuid, seededRandom } from './ids';

/** A random source that counts its draws. */
function counted(seed: number) {
  const random = seededRandom(seed);
  const source = Object.assign(() => (source.draws++, random()), { draws: 0 });
  return source;
}

describe('ids', () => {
  it('draws one hex digit per draw', () => {
    const random = counted(3);
    const hex = randomHex(random, 17);
    expect(hex).toMatch(/^[0-9a-f]{17}$/);
    expect(random.draws).toBe(17);
    expect(randomHex(seededRandom(3), 17)).toBe(hex);
  });

  it('makes version 4 UUIDs from 32 draws, the same for the same source', () => {
    const random = counted(9);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(randomUuid(random));
    expect(random.draws).toBe(200 * 32);
    expect(seen.size).toBe(200);
    for (const uuid of seen) {
      expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    const again = seededRandom(9);
    expect([...seen][0]).toBe(randomUuid(again));
  });
});
