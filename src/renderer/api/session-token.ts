import { z } from 'zod';
import { sessionExchangePath, ticketHeader, ticketParameter } from '../../shared';

const storageKey = 'stowage.token';

/** Trades a one-time ticket for the session token; undefined when it is refused. */
export type TicketExchange = (ticket: string) => Promise<string | undefined>;

/**
 * Browser mode's credential. The URL `stowage web` prints carries a one-time ticket, never
 * the token: the URL stays in the browser's history database whatever the page does. The
 * ticket leaves the address bar at once and is traded for the token, which this tab keeps in
 * sessionStorage (so a reload keeps working). It is never put in a cookie, which every other
 * port of this host would receive. A spent or expired ticket leaves the tab with the token it
 * already had, if any.
 */
export async function takeSessionToken(
  location: Pick<Location, 'href'>,
  history: Pick<History, 'replaceState' | 'state'>,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  exchange: TicketExchange,
): Promise<string | undefined> {
  const url = new URL(location.href);
  const ticket = url.searchParams.get(ticketParameter);
  if (!ticket) return storedToken(storage);
  url.searchParams.delete(ticketParameter);
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  const token = await exchange(ticket).catch(() => undefined);
  if (token === undefined) return storedToken(storage);
  try {
    storage.setItem(storageKey, token);
  } catch {
    // Storage can be disabled; the token still serves this page load.
  }
  return token;
}

const exchangeAnswer = z.object({ token: z.string().min(1) });

/** The exchange over HTTP, to this page's own server. */
export function httpTicketExchange(fetcher: typeof fetch): TicketExchange {
  return async (ticket) => {
    const response = await fetcher(sessionExchangePath, {
      method: 'POST',
      headers: { [ticketHeader]: ticket },
      cache: 'no-store',
      credentials: 'omit',
    });
    if (!response.ok) return undefined;
    const answer = exchangeAnswer.safeParse(await response.json());
    return answer.success ? answer.data.token : undefined;
  };
}

function storedToken(storage: Pick<Storage, 'getItem'>): string | undefined {
  try {
    return storage.getItem(storageKey) ?? undefined;
  } catch {
    return undefined;
  }
}
