import type { StowageBridge } from '../../shared';
import { type ConnectionListener, WebSocketBridge, webSocketUrl } from './websocket-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    stowage?: StowageBridge;
  }
}

export interface Transport {
  bridge: StowageBridge;
  /**
   * Reports when the transport itself drops or comes back. Only browser mode can lose its
   * transport; the Electron bridge lives as long as the window.
   */
  onConnectionChange(listener: ConnectionListener): () => void;
}

export function createTransport(): Transport {
  const preloadBridge = window.stowage;
  if (preloadBridge) return { bridge: preloadBridge, onConnectionChange: () => () => {} };

  const webSocketBridge = new WebSocketBridge(webSocketUrl(window.location));
  return {
    bridge: webSocketBridge,
    onConnectionChange: (listener) => webSocketBridge.onConnectionChange(listener),
  };
}
