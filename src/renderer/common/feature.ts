import type { ComponentType } from 'react';
import type { CacheRule } from '../api';
import type { PageName } from './routes';

/**
 * What a feature folder offers the app: its page at `#/<route>`, its entry in the navigation
 * rail, and the rules saying which events make which of its queries stale. The app builds
 * routes and navigation from the list of features; adding a page is its folder plus one line
 * in app/features.ts.
 */
export interface Feature {
  /** The page's hash route, `#/<route>`; its sub-routes are typed in common/routes.ts. */
  route: PageName;
  label: string;
  Icon: ComponentType<{ fontSize?: 'small' | 'medium' }>;
  Page: ComponentType;
  cacheRules: readonly CacheRule[];
}
