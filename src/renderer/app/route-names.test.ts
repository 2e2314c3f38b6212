import { describe, expect, it } from 'vitest';
import { hashFor, routeFromHash } from './route-names';

describe('routeFromHash', () => {
  it('reads the page from the hash', () => {
    expect(routeFromHash('#/engine')).toBe('engine');
    expect(routeFromHash('#/ecs')).toBe('ecs');
    expect(routeFromHash('#/containers/abc')).toBe('containers');
  });

  it('falls back to images for an empty or unknown hash', () => {
    expect(routeFromHash('')).toBe('images');
    expect(routeFromHash('#/')).toBe('images');
    expect(routeFromHash('#/nowhere')).toBe('images');
  });

  it('round-trips with hashFor', () => {
    expect(routeFromHash(hashFor('engine'))).toBe('engine');
  });
});
