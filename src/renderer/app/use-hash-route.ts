import { useEffect, useSyncExternalStore } from 'react';
import { hashFor, type RouteName, routeFromHash } from './route-names';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentRoute(): RouteName {
  return routeFromHash(window.location.hash);
}

/** The page named by the URL hash. Spells an empty or unknown hash out as the default page. */
export function useHashRoute(): RouteName {
  const route = useSyncExternalStore(subscribe, currentRoute);
  useEffect(() => {
    const canonical = hashFor(route);
    // replaceState keeps the back button from bouncing off a hash nobody chose.
    if (window.location.hash !== canonical) window.history.replaceState(null, '', canonical);
  }, [route]);
  return route;
}
