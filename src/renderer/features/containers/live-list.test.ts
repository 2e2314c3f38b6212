import { describe, expect, it } from 'vitest';
import type { ContainerSummary, DockerEvent } from '../../../shared';
import { applyEvent, mergeReread, needsReread } from './live-list';

const idOf = (name: string) =>
  [...name]
    .map((char) => char.charCodeAt(0).toString(16))
    .join('')
    .padEnd(64, '0');

const container = (name: string, extra: Partial<ContainerSummary> = {}): ContainerSummary => ({
  id: idOf(name),
  name,
  image: 'busybox',
  imageId: 'sha256:1',
  command: '',
  state: 'running',
  status: 'Up 2 minutes',
  health: 'none',
  created: 0,
  startedAt: 5,
  ports: [],
  labels: {},
  ...extra,
});

const event = (name: string, action: string, attributes: Record<string, string> = {}) =>
  ({ type: 'container', action, id: idOf(name), time: 1_000, attributes }) as DockerEvent;

describe('the live container list', () => {
  const list = [container('web'), container('db', { state: 'exited', startedAt: undefined })];

  it('shows a container that died as exited at once, without its uptime', () => {
    const [web] = applyEvent(list, event('web', 'die', { exitCode: '137' }), false);
    expect(web).toMatchObject({ state: 'exited', status: 'Exited (137) Less than a second ago' });
    expect(web?.startedAt).toBeUndefined();
  });

  it('starts the uptime from the event and takes a stopped container out of a running-only list', () => {
    const [, db] = applyEvent(list, event('db', 'start'), false);
    expect(db).toMatchObject({ state: 'running', startedAt: 1_000 });
    expect(applyEvent(list, event('web', 'stop'), true).map((c) => c.name)).toEqual(['db']);
    expect(applyEvent(list, event('web', 'pause'), true)[0]?.state).toBe('paused');
  });

  it('removes a destroyed container, renames and reports health from the event', () => {
    expect(applyEvent(list, event('web', 'destroy'), false).map((c) => c.name)).toEqual(['db']);
    expect(applyEvent(list, event('web', 'rename', { name: '/front' }), false)[0]?.name).toBe(
      'front',
    );
    expect(applyEvent(list, event('web', 'health_status: unhealthy'), false)[0]?.health).toBe(
      'unhealthy',
    );
  });

  it('leaves the list as it is for events that change nothing it shows', () => {
    expect(applyEvent(list, event('web', 'exec_start: sh'), false)).toBe(list);
    expect(applyEvent(list, event('nobody', 'die'), false)).toBe(list);
    expect(applyEvent(list, { ...event('web', 'die'), type: 'network' }, false)).toBe(list);
    expect(applyEvent(list, event('db', 'stop'), false)).toBe(list);
  });

  it('reads again after state changes and creation, not after execs', () => {
    expect(needsReread(event('web', 'die'))).toBe(true);
    expect(needsReread(event('web', 'create'))).toBe(true);
    expect(needsReread(event('web', 'health_status: healthy'))).toBe(true);
    expect(needsReread(event('web', 'exec_die'))).toBe(false);
    expect(needsReread({ ...event('web', 'die'), id: 'short' })).toBe(false);
  });

  it('merges a reread: replaced, gone and new entries, the rest untouched', () => {
    const fresh = [
      container('web', { status: 'Exited (0) 1 second ago', state: 'exited' }),
      container('new', { created: 9 }),
    ];
    const ids = new Set([idOf('web'), idOf('new'), idOf('db')]);
    const merged = mergeReread([...list, container('other')], ids, fresh, false);
    expect(merged.map((c) => [c.name, c.state])).toEqual([
      ['new', 'running'],
      ['web', 'exited'],
      ['other', 'running'],
    ]);
    expect(mergeReread(list, ids, fresh, true).map((c) => c.name)).toEqual(['new']);
  });
});
