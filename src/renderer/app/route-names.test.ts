import { describe, expect, it } from 'vitest';
import { hashFor, routeFromHash } from './route-names';

const routes = ['engine', 'images', 'containers', 'ecs'];

describe('routeFromHash', () => {
  it('reads the page from the hash', () => {
    expect(routeFromHash('#/engine', routes, 'images')).toBe('engine');
    expect(routeFromHash('#/ecs', routes, 'images')).toBe('ecs');
    expect(routeFromHash('#/containers/abc', routes, 'images')).toBe('containers');
  });

  it('falls back for an empty or unknown hash', () => {
    expect(routeFromHash('', routes, 'images')).toBe('images');
    expect(routeFromHash('#/', routes, 'images')).toBe('images');
    expect(routeFromHash('#/nowhere', routes, 'images')).toBe('images');
  });

  it('round-trips with hashFor', () => {
    expect(routeFromHash(hashFor('engine'), routes, 'images')).toBe('engine');
  });
});
