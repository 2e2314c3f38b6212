export const routeNames = ['engine', 'images', 'containers', 'ecs'] as const;
export type RouteName = (typeof routeNames)[number];
export const defaultRoute: RouteName = 'images';

/** `#/images` -> 'images'; anything unknown falls back to the default page. */
export function routeFromHash(hash: string): RouteName {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (routeNames as readonly string[]).includes(name) ? (name as RouteName) : defaultRoute;
}

export function hashFor(route: RouteName): string {
  return `#/${route}`;
}
