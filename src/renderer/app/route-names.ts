/** `#/images` -> 'images' when it is one of `routes`; anything else is `fallback`. */
export function routeFromHash(hash: string, routes: readonly string[], fallback: string): string {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return routes.includes(name) ? name : fallback;
}

export function hashFor(route: string): string {
  return `#/${route}`;
}
