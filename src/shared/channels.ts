/** The only IPC channel name in the code base: both directions of the protocol use it. */
export const ipcChannel = 'stowage:message';

/** The path of the WebSocket in browser mode. */
export const webSocketPath = '/api/ws';

/**
 * The WebSocket subprotocol of browser mode. The page offers it together with its token as
 * a second subprotocol (see `tokenSubprotocol`); the server answers with this one only.
 */
export const webSocketProtocol = 'stowage.v1';

const tokenPrefix = 'stowage.token.';

/**
 * The token travels in `Sec-WebSocket-Protocol`, where only RFC 7230 token characters are
 * allowed: percent-encoded, with the two characters percent-encoding keeps that are not
 * token characters, `(` and `)`, encoded too.
 */
export function tokenSubprotocol(token: string): string {
  return tokenPrefix + encodeURIComponent(token).replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** The token inside one offered subprotocol, or undefined when it is not a well-formed one. */
export function tokenFromSubprotocol(protocol: string): string | undefined {
  if (!protocol.startsWith(tokenPrefix)) return undefined;
  const encoded = protocol.slice(tokenPrefix.length);
  if (encoded.length === 0 || encoded.length > 1024) return undefined;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

/**
 * Browser mode's ticket exchange: the page POSTs the one-time ticket from its URL here, in
 * the `ticketHeader` header, and gets the session token back as `{ "token": "…" }`.
 */
export const sessionExchangePath = '/api/session';
export const ticketHeader = 'X-Stowage-Ticket';
export const ticketParameter = 'ticket';
