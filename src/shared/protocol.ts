import { z } from 'zod';
import type { AnyEvent } from './contract';
import type { Envelope, ErrorPayload } from './errors';

/**
 * How the contract travels. Both transports (Electron IPC and the browser-mode WebSocket)
 * carry exactly these messages; the client connection in main and the client in the renderer
 * are the only code that reads them.
 *
 * A client starts with `hello`; main answers `hello` and replays the sticky events. After that
 * the client makes calls (one `reply` each), opens streams (`item`s, then one `end`), cancels
 * either by id, and grants stream credit with `ack`: main sends at most `streamWindow` items of
 * a stream that the client has not acknowledged, so a slow reader pauses its streams instead
 * of filling memory.
 */

export const protocolVersion = 1;

/** Items of one stream in flight before the client acknowledges them. */
export const streamWindow = 64;

const id = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const name = z.string().max(128);

export const clientMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hello'), version: z.number().int() }),
  z.object({ kind: z.literal('call'), id, name, input: z.unknown().optional() }),
  z.object({ kind: z.literal('stream'), id, name, input: z.unknown().optional() }),
  z.object({ kind: z.literal('cancel'), id }),
  z.object({ kind: z.literal('ack'), id, count: z.number().int().positive().max(1_000_000) }),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ServerMessage =
  | { kind: 'hello'; version: number }
  | { kind: 'reply'; id: number; envelope: Envelope<unknown> }
  | { kind: 'item'; id: number; item: unknown }
  | { kind: 'end'; id: number; envelope: Envelope<unknown> }
  | ({ kind: 'event' } & AnyEvent)
  /** A message that could not be read; `id` when it could be told. */
  | { kind: 'protocol-error'; id?: number; error: ErrorPayload };

/**
 * What the renderer needs from a transport: send client messages, receive server messages.
 * The Electron preload exposes exactly this as `window.stowage`; browser mode implements it
 * over a WebSocket. The typed client is built on top and does not know which one it has.
 */
export interface StowageBridge {
  send(message: ClientMessage): void;
  onMessage(listener: (message: ServerMessage) => void): () => void;
}

export {
  ipcChannel,
  sessionExchangePath,
  ticketHeader,
  ticketParameter,
  tokenFromSubprotocol,
  tokenSubprotocol,
  webSocketPath,
  webSocketProtocol,
} from './channels';
