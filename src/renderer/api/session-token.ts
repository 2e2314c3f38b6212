const storageKey = 'stowage.token';

/**
 * Browser mode's credential: read from the URL once, kept in this tab's sessionStorage (so a
 * reload keeps working), and removed from the address bar and history at once. It is never
 * put in a cookie, which every other port of this host would receive.
 */
export function takeSessionToken(
  location: Pick<Location, 'href'>,
  history: Pick<History, 'replaceState' | 'state'>,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
): string | undefined {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      storage.setItem(storageKey, fromUrl);
    } catch {
      // Storage can be disabled; the token still serves this page load.
    }
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return storage.getItem(storageKey) ?? undefined;
  } catch {
    return undefined;
  }
}
