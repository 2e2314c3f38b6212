import { useMemo, useSyncExternalStore } from 'react';
import { hashOf, pageRoute, routeOf, type PageName, type Route } from './routes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/** The route the URL names, or `fallback` for an empty or unknown hash. */
export function useRoute(fallback: Route): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return useMemo(() => routeOf(hash) ?? fallback, [hash, fallback]);
}

/** The current route of `page`, which the app only renders while the URL names it. */
export function usePageRoute<P extends PageName>(page: P): Extract<Route, { page: P }> {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return useMemo(() => {
    const route = routeOf(hash);
    return (route?.page === page ? route : pageRoute(page)) as Extract<Route, { page: P }>;
  }, [hash, page]);
}

/**
 * Goes to `route`. A new place is a new history entry, so Back returns; `replace` is for
 * corrections and selections that should not fill the history (a list's chosen row).
 */
export function navigate(route: Route, { replace = false }: { replace?: boolean } = {}): void {
  const hash = hashOf(route);
  if (window.location.hash === hash) return;
  if (!replace) {
    window.location.hash = hash;
    return;
  }
  window.history.replaceState(window.history.state, '', hash);
  // replaceState fires no event of its own.
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
