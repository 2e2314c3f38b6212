import { useEffect } from 'react';
import { hashOf, type Route } from '../common/routes';
import { useRoute } from '../common/use-route';

/** The route the URL names, spelling an empty, unknown or loose hash out in its one form. */
export function useHashRoute(fallback: Route): Route {
  const route = useRoute(fallback);
  const canonical = hashOf(route);
  useEffect(() => {
    // replaceState keeps the back button from bouncing off a hash nobody chose.
    if (window.location.hash !== canonical) window.history.replaceState(null, '', canonical);
  }, [canonical]);
  return route;
}
