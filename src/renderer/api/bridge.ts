import type { StowageBridge } from '../../shared';
import { httpTicketExchange, takeSessionToken } from './session-token';
import type { Transport } from './transport';
import { WebSocketBridge, webSocketUrl } from './websocket-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    stowage?: StowageBridge;
  }
}

/** The Electron preload's bridge when there is one, else browser mode's WebSocket. */
export function createTransport(): Transport {
  const preloadBridge = window.stowage;
  if (preloadBridge) {
    return { bridge: preloadBridge, connected: () => true, onConnectionChange: () => () => {} };
  }
  const token = takeSessionToken(
    window.location,
    window.history,
    window.sessionStorage,
    httpTicketExchange(window.fetch.bind(window)),
  );
  return new WebSocketBridge(webSocketUrl(window.location), token);
}
