import { z } from 'zod';
import type { AnyEvent } from './contract';
import type { Envelope } from './errors';

/**
 * How the contract travels. Both transports carry the same three kinds of message: a call
 * with a client-chosen id, the cancellation of a call by id, and events from main.
 */

export { ipcChannels, webSocketPath } from './channels';

export const callRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  name: z.string(),
  input: z.unknown(),
});

export type CallRequest = z.infer<typeof callRequestSchema>;

export const clientMessageSchema = z.discriminatedUnion('kind', [
  callRequestSchema.extend({ kind: z.literal('call') }),
  z.object({ kind: z.literal('cancel'), id: z.number().int().nonnegative() }),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ServerMessage =
  { kind: 'reply'; id: number; envelope: Envelope<unknown> } | ({ kind: 'event' } & AnyEvent);

/**
 * What a renderer needs from a transport. The Electron preload exposes exactly this as
 * `window.stowage`; browser mode implements it over a WebSocket. The typed client is built on
 * top of it and does not know which one it has.
 */
export interface StowageBridge {
  call(request: CallRequest): Promise<Envelope<unknown>>;
  cancel(id: number): void;
  onEvent(listener: (event: AnyEvent) => void): () => void;
}
