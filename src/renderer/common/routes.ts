/**
 * Every place in the app as a typed value, and its URL hash. A place that can be linked to,
 * reloaded and reached with Back is a `Route`: pages read theirs with `usePageRoute` and move
 * with `navigate`, and one page sends the user to another by naming the route, never by a
 * shared variable. Adding a sub-route is a member of the union, a line in `hashOf` and a case
 * in `routeOf` (with its round trip in routes.test.ts).
 */

/** The pages whose only place is the page itself. */
export type PlainPage = 'engine' | 'layers' | 'registries';

export const containerTabs = [
  'logs',
  'stats',
  'terminal',
  'processes',
  'changes',
  'environment',
  'mounts',
  'networks',
  'inspect',
] as const;
export type ContainerTab = (typeof containerTabs)[number];

export const ecsViews = [
  'clusters',
  'map',
  'services',
  'load-balancers',
  'task-definitions',
  'tasks',
] as const;
export type EcsView = (typeof ecsViews)[number];

/** The Tasks tab's filter, each part a query parameter of its URL. */
export const taskFilterKeys = ['desired', 'status', 'family', 'launch', 'where', 'q'] as const;
export type TaskFilter = Partial<Record<(typeof taskFilterKeys)[number], string>>;

/** The ECS page: its tab, and the cluster, task or family it shows. */
export type EcsRoute =
  | { page: 'ecs'; view: 'clusters' }
  | { page: 'ecs'; view: 'map'; cluster?: string }
  | {
      page: 'ecs';
      view: 'tasks';
      cluster?: string;
      task?: string;
      filter?: TaskFilter;
      /** Several tasks chosen (none in detail), by task id. */
      selected?: string[];
    }
  | { page: 'ecs'; view: 'services'; cluster?: string; service?: string }
  | { page: 'ecs'; view: 'load-balancers'; cluster?: string; loadBalancer?: string }
  | { page: 'ecs'; view: 'task-definitions'; family?: string };

/** The Containers page: one container in detail on one tab, or the run dialog for an image. */
export interface ContainersRoute {
  page: 'containers';
  container?: string;
  tab?: ContainerTab;
  /** The image the run dialog opens with. */
  run?: string;
  /** Several containers chosen (none in detail), by short id. */
  selected?: string[];
}

export const imageTabs = ['overview', 'history', 'layers', 'inspect', 'containers'] as const;
export type ImageTab = (typeof imageTabs)[number];
export const volumeTabs = ['files', 'overview', 'inspect'] as const;
export type VolumeTab = (typeof volumeTabs)[number];
export const networkTabs = ['containers', 'overview', 'inspect'] as const;
export type NetworkTab = (typeof networkTabs)[number];

/** The Images page: one image (by id) in detail on one tab. */
export interface ImagesRoute {
  page: 'images';
  image?: string;
  tab?: ImageTab;
  /** Several images chosen (none in detail), by short id or name. */
  selected?: string[];
}

/** The Volumes page: one volume (by name) in detail on one tab. */
export interface VolumesRoute {
  page: 'volumes';
  volume?: string;
  tab?: VolumeTab;
  /** Several volumes chosen (none in detail), by short id or name. */
  selected?: string[];
}

/** The Networks page: one network (by id) in detail on one tab. */
export interface NetworksRoute {
  page: 'networks';
  network?: string;
  tab?: NetworkTab;
  /** Several networks chosen (none in detail), by short id or name. */
  selected?: string[];
}

/** The Events page: the Docker engine's events, or ECS's state changes. */
export interface EventsRoute {
  page: 'events';
  view?: 'ecs';
}

/** The Learn tour: its overview, or one step, in presenter mode or not. */
export interface LearnRoute {
  page: 'learn';
  step?: string;
  presenter?: boolean;
}

export type Route =
  | { page: PlainPage }
  | LearnRoute
  | ContainersRoute
  | ImagesRoute
  | VolumesRoute
  | NetworksRoute
  | EcsRoute
  | EventsRoute;
export type PageName = Route['page'];

const plainPages: readonly PlainPage[] = ['engine', 'layers', 'registries'];

/** A page's first place: where its entry in the navigation rail leads. */
export function pageRoute(page: PageName): Route {
  if (page === 'ecs') return { page, view: 'clusters' };
  return { page };
}

const segment = (value: string) => encodeURIComponent(value);

/** `{ page: 'ecs', view: 'tasks', cluster: 'demo' }` -> `#/ecs/clusters/demo/tasks`. */
export function hashOf(route: Route): string {
  switch (route.page) {
    case 'containers': {
      if (route.run !== undefined) return `#/containers?run=${segment(route.run)}`;
      if (route.container === undefined) return `#/containers${selectedQuery(route)}`;
      const tab = route.tab === undefined ? '' : `/${route.tab}`;
      return `#/containers/${segment(route.container)}${tab}`;
    }
    case 'images':
      return `#/images${detailPath(route.image && imageSegment(route.image), route.tab)}${selectedQuery(route)}`;
    case 'volumes':
      return `#/volumes${detailPath(route.volume, route.tab)}${selectedQuery(route)}`;
    case 'networks':
      return `#/networks${detailPath(route.network, route.tab)}${selectedQuery(route)}`;
    case 'ecs':
      return `#/ecs/${ecsPath(route)}`;
    case 'events':
      return route.view === 'ecs' ? '#/events/ecs' : '#/events';
    case 'learn':
      return `#/learn${route.step === undefined ? '' : `/${segment(route.step)}`}${route.presenter ? '?presenter=1' : ''}`;
    default:
      return `#/${route.page}`;
  }
}

/** `/<item>/<tab>` of a list page's item in detail; nothing when none is. */
function detailPath(item: string | undefined, tab: string | undefined): string {
  if (item === undefined) return '';
  return tab === undefined ? `/${segment(item)}` : `/${segment(item)}/${tab}`;
}

/** The most rows a URL names as chosen, so that it stays short. */
export const maxSelectedInUrl = 25;

/** `?selected=a,b` for several rows chosen and none in detail; empty otherwise. */
function selectedQuery(route: { selected?: string[] | undefined }): string {
  const selected = route.selected ?? [];
  if (selected.length < 2 || selected.length > maxSelectedInUrl) return '';
  return `?selected=${selected.map(segment).join(',')}`;
}

/** `{ selected }` from `?selected=a,b`: two rows or more, at most `maxSelectedInUrl`. */
function selectedOf(query: URLSearchParams): { selected?: string[] } {
  const selected = (query.get('selected') ?? '')
    .split(',')
    .map((part) => decode(part))
    .filter((part): part is string => part !== undefined)
    .slice(0, maxSelectedInUrl);
  return selected.length > 1 ? { selected } : {};
}

// An image id is `sha256:` and 64 hex digits: the URL carries the digits alone.
const imageSegment = (id: string) => id.replace(/^sha256:(?=[0-9a-f]{64}$)/, '');
const imageIdOf = (segment: string) =>
  /^[0-9a-f]{64}$/.test(segment) ? `sha256:${segment}` : segment;

function ecsPath(route: EcsRoute): string {
  switch (route.view) {
    case 'clusters':
      return 'clusters';
    case 'task-definitions':
      return route.family === undefined
        ? 'task-definitions'
        : `task-definitions/${segment(route.family)}`;
    case 'map':
      return route.cluster === undefined ? 'map' : `clusters/${segment(route.cluster)}/map`;
    case 'tasks': {
      if (route.cluster === undefined) return 'tasks';
      const task = route.task === undefined ? '' : `/${segment(route.task)}`;
      const filter = filterQuery(route.filter);
      // The chosen tasks follow the filter's parameters, if any.
      const selected =
        route.task === undefined ? selectedQuery(route).replace(/^\?/, filter ? '&' : '?') : '';
      return `clusters/${segment(route.cluster)}/tasks${task}${filter}${selected}`;
    }
    case 'services': {
      if (route.cluster === undefined) return 'services';
      const service = route.service === undefined ? '' : `/${segment(route.service)}`;
      return `clusters/${segment(route.cluster)}/services${service}`;
    }
    case 'load-balancers': {
      if (route.cluster === undefined) return 'load-balancers';
      const name = route.loadBalancer === undefined ? '' : `/${segment(route.loadBalancer)}`;
      return `clusters/${segment(route.cluster)}/load-balancers${name}`;
    }
  }
}

/** `?status=RUNNING&q=web`, the filter's parts in a fixed order; empty without any. */
function filterQuery(filter: TaskFilter | undefined): string {
  const query = new URLSearchParams();
  for (const key of taskFilterKeys) {
    const value = filter?.[key];
    if (value) query.set(key, value);
  }
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

function filterOf(query: URLSearchParams): TaskFilter | undefined {
  const filter: TaskFilter = {};
  for (const key of taskFilterKeys) {
    const value = query.get(key);
    if (value) filter[key] = value;
  }
  return Object.keys(filter).length === 0 ? undefined : filter;
}

function decode(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** The route a hash names, or undefined for an empty or unknown one. Unknown tails are dropped. */
export function routeOf(hash: string): Route | undefined {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [page = '', ...rest] = path.split('/');
  const parts = rest.map(decode);
  if ((plainPages as readonly string[]).includes(page)) return { page: page as PlainPage };
  if (page === 'containers') return containersRoute(parts, new URLSearchParams(query));
  const [item, tab] = parts;
  const params = new URLSearchParams(query);
  if (page === 'images') {
    if (item === undefined) return { page, ...selectedOf(params) };
    return { page, image: imageIdOf(item), ...knownTab(imageTabs, tab) };
  }
  if (page === 'volumes') {
    if (item === undefined) return { page, ...selectedOf(params) };
    return { page, volume: item, ...knownTab(volumeTabs, tab) };
  }
  if (page === 'networks') {
    if (item === undefined) return { page, ...selectedOf(params) };
    return { page, network: item, ...knownTab(networkTabs, tab) };
  }
  if (page === 'ecs') return ecsRoute(parts, new URLSearchParams(query));
  if (page === 'events') return parts[0] === 'ecs' ? { page, view: 'ecs' } : { page };
  if (page === 'learn') {
    return {
      page,
      ...(item === undefined ? {} : { step: item }),
      ...(params.get('presenter') === '1' ? { presenter: true } : {}),
    };
  }
  return undefined;
}

/** `{ tab }` when `tab` is one of `tabs`; an unknown tab is dropped. */
function knownTab<T extends string>(tabs: readonly T[], tab: string | undefined): { tab?: T } {
  const known = tabs.find((name) => name === tab);
  return known === undefined ? {} : { tab: known };
}

function containersRoute(
  [container, tab]: (string | undefined)[],
  query: URLSearchParams,
): ContainersRoute {
  const run = query.get('run');
  if (run !== null) return { page: 'containers', run };
  if (container === undefined) return { page: 'containers', ...selectedOf(query) };
  const knownTab = containerTabs.find((name) => name === tab);
  return knownTab
    ? { page: 'containers', container, tab: knownTab }
    : { page: 'containers', container };
}

function ecsRoute(
  [first, second, third, fourth]: (string | undefined)[],
  query: URLSearchParams,
): EcsRoute {
  if (first === 'task-definitions') {
    return second === undefined
      ? { page: 'ecs', view: 'task-definitions' }
      : { page: 'ecs', view: 'task-definitions', family: second };
  }
  if (first === 'map') return { page: 'ecs', view: 'map' };
  if (first === 'tasks') return { page: 'ecs', view: 'tasks' };
  if (first === 'services') return { page: 'ecs', view: 'services' };
  if (first === 'load-balancers') return { page: 'ecs', view: 'load-balancers' };
  if (first === 'clusters' && second !== undefined) {
    if (third === 'tasks') {
      const filter = filterOf(query);
      return {
        page: 'ecs',
        view: 'tasks',
        cluster: second,
        ...(fourth === undefined ? selectedOf(query) : { task: fourth }),
        ...(filter ? { filter } : {}),
      };
    }
    if (third === 'services') {
      return fourth === undefined
        ? { page: 'ecs', view: 'services', cluster: second }
        : { page: 'ecs', view: 'services', cluster: second, service: fourth };
    }
    if (third === 'load-balancers') {
      return fourth === undefined
        ? { page: 'ecs', view: 'load-balancers', cluster: second }
        : { page: 'ecs', view: 'load-balancers', cluster: second, loadBalancer: fourth };
    }
    return { page: 'ecs', view: 'map', cluster: second };
  }
  return { page: 'ecs', view: 'clusters' };
}
