import { describe, expect, it } from 'vitest';
import { hashOf, maxSelectedInUrl, routeOf, type Route } from './routes';

const digits = '3f4e1c9a'.repeat(8);

const places: [Route, string][] = [
  [{ page: 'images' }, '#/images'],
  [{ page: 'images', image: `sha256:${digits}` }, `#/images/${digits}`],
  [{ page: 'images', image: `sha256:${digits}`, tab: 'layers' }, `#/images/${digits}/layers`],
  [
    { page: 'images', selected: ['3f4e1c9a3f4e', 'aa11bb22cc33'] },
    '#/images?selected=3f4e1c9a3f4e,aa11bb22cc33',
  ],
  [{ page: 'volumes' }, '#/volumes'],
  [{ page: 'volumes', selected: ['app-data', 'cache.1'] }, '#/volumes?selected=app-data,cache.1'],
  [{ page: 'networks', selected: ['4f2a9c', '5e3b0d'] }, '#/networks?selected=4f2a9c,5e3b0d'],
  [{ page: 'volumes', volume: 'app-data' }, '#/volumes/app-data'],
  [{ page: 'volumes', volume: 'app.data_1', tab: 'inspect' }, '#/volumes/app.data_1/inspect'],
  [{ page: 'networks' }, '#/networks'],
  [{ page: 'networks', network: '4f2a9c' }, '#/networks/4f2a9c'],
  [{ page: 'networks', network: '4f2a9c', tab: 'overview' }, '#/networks/4f2a9c/overview'],
  [{ page: 'events' }, '#/events'],
  [{ page: 'events', view: 'ecs' }, '#/events/ecs'],
  [{ page: 'learn' }, '#/learn'],
  [{ page: 'learn', step: 'read-write', presenter: true }, '#/learn/read-write?presenter=1'],
  [{ page: 'containers' }, '#/containers'],
  [{ page: 'containers', container: 'abc123' }, '#/containers/abc123'],
  [
    { page: 'containers', selected: ['4f2a9c1d0e3b', '5e3b0d7a9c21'] },
    '#/containers?selected=4f2a9c1d0e3b,5e3b0d7a9c21',
  ],
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
  [{ page: 'ecs', view: 'services' }, '#/ecs/services'],
  [{ page: 'ecs', view: 'load-balancers' }, '#/ecs/load-balancers'],
  [{ page: 'ecs', view: 'load-balancers', cluster: 'demo' }, '#/ecs/clusters/demo/load-balancers'],
  [
    { page: 'ecs', view: 'load-balancers', cluster: 'demo', loadBalancer: 'web lb' },
    '#/ecs/clusters/demo/load-balancers/web%20lb',
  ],
  [{ page: 'ecs', view: 'services', cluster: 'demo' }, '#/ecs/clusters/demo/services'],
  [
    { page: 'ecs', view: 'services', cluster: 'demo', service: 'web' },
    '#/ecs/clusters/demo/services/web',
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
  [
    { page: 'ecs', view: 'tasks', cluster: 'demo', selected: ['9347fd521a', 'b20c44e1f0'] },
    '#/ecs/clusters/demo/tasks?selected=9347fd521a,b20c44e1f0',
  ],
  [
    {
      page: 'ecs',
      view: 'tasks',
      cluster: 'demo',
      filter: { status: 'RUNNING' },
      selected: ['9347fd521a', 'b20c44e1f0'],
    },
    '#/ecs/clusters/demo/tasks?status=RUNNING&selected=9347fd521a,b20c44e1f0',
  ],
  [{ page: 'ecs', view: 'task-definitions' }, '#/ecs/task-definitions'],
  [{ page: 'ecs', view: 'task-definitions', family: 'web' }, '#/ecs/task-definitions/web'],
];

describe('routes', () => {
  it.each(places)('%o is %s, and back', (route, hash) => {
    expect(hashOf(route)).toBe(hash);
    expect(routeOf(hash)).toEqual(route);
  });

  it('names several rows chosen only up to the cap, and never one alone', () => {
    const many = Array.from({ length: maxSelectedInUrl + 1 }, (_, index) => `v${index}`);
    expect(hashOf({ page: 'volumes', selected: many })).toBe('#/volumes');
    expect(hashOf({ page: 'volumes', selected: many.slice(0, maxSelectedInUrl) })).toBe(
      `#/volumes?selected=${many.slice(0, maxSelectedInUrl).join(',')}`,
    );
    expect(hashOf({ page: 'volumes', selected: ['only'] })).toBe('#/volumes');
    expect(routeOf('#/volumes?selected=only')).toEqual({ page: 'volumes' });
    // A longer list typed by hand is cut to the cap; empty and broken parts are dropped.
    expect(routeOf(`#/volumes?selected=${many.join(',')}`)).toEqual({
      page: 'volumes',
      selected: many.slice(0, maxSelectedInUrl),
    });
    expect(routeOf('#/networks?selected=a,,%E0%A4%A,b')).toEqual({
      page: 'networks',
      selected: ['a', 'b'],
    });
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
    expect(routeOf('#/images/abc/nowhere')).toEqual({ page: 'images', image: 'abc' });
    expect(routeOf('#/volumes/data/%E0%A4%A')).toEqual({ page: 'volumes', volume: 'data' });
    expect(routeOf('#/networks/%E0%A4%A/inspect')).toEqual({ page: 'networks' });
    expect(routeOf('#/containers/%E0%A4%A')).toEqual({ page: 'containers' });
  });

  it('keeps an image id that is not a sha256 digest as it is', () => {
    const route: Route = { page: 'images', image: 'sha256:short' };
    expect(hashOf(route)).toBe('#/images/sha256%3Ashort');
    expect(routeOf(hashOf(route))).toEqual(route);
  });
});
