import { describe, expect, it } from 'vitest';
import { hashOf, routeOf, type Route } from './routes';

const places: [Route, string][] = [
  [{ page: 'images' }, '#/images'],
  [{ page: 'events' }, '#/events'],
  [{ page: 'events', view: 'ecs' }, '#/events/ecs'],
  [{ page: 'containers' }, '#/containers'],
  [{ page: 'containers', container: 'abc123' }, '#/containers/abc123'],
  [{ page: 'containers', container: 'abc123', tab: 'terminal' }, '#/containers/abc123/terminal'],
  [
    { page: 'containers', run: 'registry:5000/web:1' },
    '#/containers?run=registry%3A5000%2Fweb%3A1',
  ],
  [{ page: 'ecs', view: 'clusters' }, '#/ecs/clusters'],
  [{ page: 'ecs', view: 'map' }, '#/ecs/map'],
  [{ page: 'ecs', view: 'map', cluster: 'demo' }, '#/ecs/clusters/demo/map'],
  [{ page: 'ecs', view: 'tasks' }, '#/ecs/tasks'],
  [{ page: 'ecs', view: 'tasks', cluster: 'demo' }, '#/ecs/clusters/demo/tasks'],
  [
    { page: 'ecs', view: 'tasks', cluster: 'demo', task: '9347fd521a' },
    '#/ecs/clusters/demo/tasks/9347fd521a',
  ],
  [
    {
      page: 'ecs',
      view: 'tasks',
      cluster: 'demo',
      task: 'abc',
      filter: { desired: 'STOPPED', family: 'web', q: 'exit 1' },
    },
    '#/ecs/clusters/demo/tasks/abc?desired=STOPPED&family=web&q=exit+1',
  ],
  [{ page: 'ecs', view: 'task-definitions' }, '#/ecs/task-definitions'],
  [{ page: 'ecs', view: 'task-definitions', family: 'web' }, '#/ecs/task-definitions/web'],
];

describe('routes', () => {
  it.each(places)('%o is %s, and back', (route, hash) => {
    expect(hashOf(route)).toBe(hash);
    expect(routeOf(hash)).toEqual(route);
  });

  it('reads a cluster named like a tab as a cluster', () => {
    const route: Route = { page: 'ecs', view: 'tasks', cluster: 'task-definitions' };
    expect(routeOf(hashOf(route))).toEqual(route);
  });

  it('reads a bare page as its first place', () => {
    expect(routeOf('#/ecs')).toEqual({ page: 'ecs', view: 'clusters' });
    expect(routeOf('#/ecs/clusters/demo')).toEqual({ page: 'ecs', view: 'map', cluster: 'demo' });
  });

  it('drops what it does not know', () => {
    expect(routeOf('')).toBeUndefined();
    expect(routeOf('#/')).toBeUndefined();
    expect(routeOf('#/nowhere')).toBeUndefined();
    expect(routeOf('#/containers/abc/nowhere')).toEqual({ page: 'containers', container: 'abc' });
    expect(routeOf('#/ecs/nowhere')).toEqual({ page: 'ecs', view: 'clusters' });
    expect(routeOf('#/images/extra')).toEqual({ page: 'images' });
    expect(routeOf('#/containers/%E0%A4%A')).toEqual({ page: 'containers' });
  });
});
