import {
  tokenSubprotocol,
  webSocketPath,
  webSocketProtocol,
  type ClientMessage,
  type ServerMessage,
  type StowageBridge,
} from '../../shared';
import { Emitter } from '../../shared/emitter';
import type { ConnectionListener, Transport } from './transport';

const firstRetryDelayMs = 500;
const maxRetryDelayMs = 5000;
/** Answers this long (a cluster's thousand tasks) are handed on in a task of their own. */
export const largeMessageChars = 256 * 1024;

export function webSocketUrl(location: Pick<URL, 'origin'>): string {
  return new URL(webSocketPath, location.origin.replace(/^http/, 'ws')).toString();
}

/**
 * Browser mode's transport: one WebSocket that reconnects with back-off. The token goes in
 * the handshake as a subprotocol, never in the URL. It only carries messages; the client
 * above it speaks the protocol (hello on every connection, calls queued while down).
 */
export class WebSocketBridge implements StowageBridge, Transport {
  readonly bridge = this;
  private socket: WebSocket | undefined;
  private open = false;
  private retryDelayMs = firstRetryDelayMs;
  private token: string | undefined;
  private readonly messageListeners = new Emitter<ServerMessage>();
  private readonly connectionListeners = new Emitter<boolean>();
  /** Messages waiting for a task of their own, in the order they came. */
  private readonly backlog: ServerMessage[] = [];

  /** `token` may still be on its way (a ticket being exchanged): the first connect waits. */
  constructor(
    private readonly url: string,
    token: string | undefined | Promise<string | undefined>,
  ) {
    void Promise.resolve(token).then(
      (known) => {
        this.token = known;
        this.connect();
      },
      () => this.connect(),
    );
  }

  connected(): boolean {
    return this.open;
  }

  send(message: ClientMessage): void {
    if (this.open) this.socket?.send(JSON.stringify(message));
  }

  onMessage(listener: (message: ServerMessage) => void): () => void {
    return this.messageListeners.on(listener);
  }

  onConnectionChange(listener: ConnectionListener): () => void {
    return this.connectionListeners.on(listener);
  }

  private connect(): void {
    const protocols = [webSocketProtocol];
    if (this.token) protocols.push(tokenSubprotocol(this.token));
    const socket = new WebSocket(this.url, protocols);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.open = true;
      this.retryDelayMs = firstRetryDelayMs;
      this.connectionListeners.emit(true);
    });
    socket.addEventListener('message', (message) => this.handleMessage(message.data));
    socket.addEventListener('close', () => this.handleClose(socket));
  }

  private handleClose(socket: WebSocket): void {
    if (socket !== this.socket) return;
    const wasOpen = this.open;
    this.open = false;
    if (wasOpen) this.connectionListeners.emit(false);
    setTimeout(() => this.connect(), this.retryDelayMs);
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, maxRetryDelayMs);
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    // Reading a large answer and what its listeners do with it (merging it into the caches)
    // would add up to one long task that holds the page: the listeners get it in the next
    // task. Whatever comes after it waits its turn, so the order holds.
    if (this.backlog.length === 0 && data.length < largeMessageChars) {
      this.messageListeners.emit(message);
      return;
    }
    this.backlog.push(message);
    if (this.backlog.length === 1) setTimeout(() => this.handOnBacklog(), 0);
  }

  private handOnBacklog(): void {
    const next = this.backlog[0];
    if (next) this.messageListeners.emit(next);
    this.backlog.shift();
    if (this.backlog.length > 0) setTimeout(() => this.handOnBacklog(), 0);
  }
}
