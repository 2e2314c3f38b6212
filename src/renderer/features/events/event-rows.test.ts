import { describe, expect, it } from 'vitest';
import type { DockerEvent } from '../../../shared';
import { actorName, matchesFilter, newestFirst } from './event-rows';

const event = (overrides: Partial<DockerEvent>): DockerEvent => ({
  type: 'container',
  action: 'start',
  id: 'a'.repeat(64),
  time: 1,
  attributes: {},
  ...overrides,
});

describe('event rows', () => {
  it('names the actor by its name attribute, else a short id', () => {
    expect(actorName(event({ attributes: { name: 'web' } }))).toBe('web');
    expect(actorName(event({ type: 'image', id: 'sha256:' + 'b'.repeat(64) }))).toBe(
      'b'.repeat(12),
    );
    expect(actorName(event({ id: '' }))).toBe('—');
  });

  it('shows a volume whole: its id is its name', () => {
    const name = 'stowage-e2e-layout-volume-mxdkvrxe';
    expect(actorName(event({ type: 'volume', id: name, attributes: { driver: 'local' } }))).toBe(
      name,
    );
  });

  it('filters by type and by text anywhere in the event', () => {
    const web = event({ attributes: { name: 'web', image: 'nginx' } });
    expect(matchesFilter(web, { types: new Set(), text: '' })).toBe(true);
    expect(matchesFilter(web, { types: new Set(['image']), text: '' })).toBe(false);
    expect(matchesFilter(web, { types: new Set(['container']), text: 'NGINX' })).toBe(true);
    expect(matchesFilter(web, { types: new Set(), text: 'postgres' })).toBe(false);
  });

  it('lists the newest first, in arrival order within the same time', () => {
    const rows = [
      { seq: 1, event: event({ time: 1 }) },
      { seq: 2, event: event({ time: 3 }) },
      { seq: 3, event: event({ time: 3 }) },
    ];
    expect(newestFirst(rows).map((row) => row.seq)).toEqual([3, 2, 1]);
  });
});
