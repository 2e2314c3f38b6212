import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { hashFor, routeFromHash } from './route-names';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The page named by the URL hash. Spells an empty or unknown hash out as the fallback page. */
export function useHashRoute(routes: readonly string[], fallback: string): string {
  const current = useCallback(
    () => routeFromHash(window.location.hash, routes, fallback),
    [routes, fallback],
  );
  const route = useSyncExternalStore(subscribe, current);
  useEffect(() => {
    const canonical = hashFor(route);
    // replaceState keeps the back button from bouncing off a hash nobody chose.
    if (window.location.hash !== canonical) window.history.replaceState(null, '', canonical);
  }, [route]);
  return route;
}
