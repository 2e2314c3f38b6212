import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../shared';
import { createClientConnection, type ConnectionLimits } from '../rpc/connection';
import type { EventHub } from '../rpc/event-hub';
import type { Router } from '../rpc/router';

/** The largest frame a client may send; `ws` closes the socket with 1009 beyond it. */
export const maxFrameBytes = 1024 * 1024;

/** Bytes waiting to be written to a client that does not read before it is cut off. */
export const maxBufferedBytes = 8 * 1024 * 1024;

export interface WebSocketTransportOptions {
  maxBufferedBytes?: number;
  limits?: Partial<ConnectionLimits>;
}

/**
 * The contract over one authenticated WebSocket (browser mode): JSON text frames in both
 * directions. The client connection does everything else; this only frames, and cuts off a
 * client that sends binary or garbage too often, or stops reading.
 */
export function serveWebSocketClient(
  ws: WebSocket,
  services: { router: Router; events: EventHub },
  options: WebSocketTransportOptions = {},
): void {
  const bufferCap = options.maxBufferedBytes ?? maxBufferedBytes;

  const send = (message: ServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    const frame = JSON.stringify(message);
    if (ws.bufferedAmount + frame.length > bufferCap) {
      // The client stopped reading: holding more for it would only grow our memory.
      ws.terminate();
      return;
    }
    ws.send(frame);
  };

  const connection = createClientConnection({
    router: services.router,
    events: services.events,
    send,
    disconnect: (reason) => ws.close(1008, reason),
    ...(options.limits ? { limits: options.limits } : {}),
  });

  ws.on('message', (data, isBinary) => {
    try {
      if (isBinary) {
        connection.receiveMalformed('binary frames are not part of the protocol');
        return;
      }
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        connection.receiveMalformed('not JSON');
        return;
      }
      connection.receive(message);
    } catch {
      // A bug in handling one message ends this client's connection, not the process.
      ws.close(1011, 'Internal error.');
    }
  });
  // Protocol errors (a frame over the cap: 1009, invalid UTF-8: 1007) arrive here; `ws` has
  // already closed the socket with the right code, and 'close' follows.
  ws.on('error', () => undefined);
  ws.on('close', () => connection.close());
}
