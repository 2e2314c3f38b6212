import type {
  AnyEvent,
  CallRequest,
  ClientMessage,
  Envelope,
  ServerMessage,
  StowageBridge,
} from '../../shared';
import { webSocketPath } from '../../shared';

const firstRetryDelayMs = 500;
const maxRetryDelayMs = 5000;
const waitForConnectionMs = 10_000;

const disconnected: Envelope<unknown> = {
  error: { code: 'DISCONNECTED', message: 'Lost the connection to the Stowage service.' },
};

export type ConnectionListener = (connected: boolean) => void;

interface QueuedCall {
  request: CallRequest;
  resolve: (envelope: Envelope<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function webSocketUrl(location: Pick<URL, 'origin' | 'search'>): string {
  const url = new URL(webSocketPath, location.origin.replace(/^http/, 'ws'));
  const token = new URLSearchParams(location.search).get('token');
  if (token) url.searchParams.set('token', token);
  return url.toString();
}

/**
 * Browser mode's transport: one WebSocket that reconnects with back-off. Calls made while it
 * is down wait a while for it to come back instead of failing at once, so a brief restart of
 * the service is invisible to the user.
 */
export class WebSocketBridge implements StowageBridge {
  private socket: WebSocket | undefined;
  private open = false;
  private retryDelayMs = firstRetryDelayMs;
  private readonly inFlight = new Map<number, (envelope: Envelope<unknown>) => void>();
  private readonly queued = new Map<number, QueuedCall>();
  private readonly eventListeners = new Set<(event: AnyEvent) => void>();
  private readonly connectionListeners = new Set<ConnectionListener>();

  constructor(private readonly url: string) {
    this.connect();
  }

  get connected(): boolean {
    return this.open;
  }

  call(request: CallRequest): Promise<Envelope<unknown>> {
    return new Promise((resolve) => {
      if (this.open) {
        this.inFlight.set(request.id, resolve);
        this.send({ kind: 'call', ...request });
        return;
      }
      const timer = setTimeout(() => {
        this.queued.delete(request.id);
        resolve(disconnected);
      }, waitForConnectionMs);
      this.queued.set(request.id, { request, resolve, timer });
    });
  }

  cancel(id: number): void {
    const waiting = this.queued.get(id);
    if (waiting) {
      clearTimeout(waiting.timer);
      this.queued.delete(id);
      return;
    }
    if (this.inFlight.delete(id) && this.open) this.send({ kind: 'cancel', id });
  }

  onEvent(listener: (event: AnyEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onConnectionChange(listener: ConnectionListener): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  private connect(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => this.handleOpen());
    socket.addEventListener('message', (message) => this.handleMessage(message.data));
    socket.addEventListener('close', () => this.handleClose(socket));
  }

  private handleOpen(): void {
    this.open = true;
    this.retryDelayMs = firstRetryDelayMs;
    for (const [id, waiting] of this.queued) {
      clearTimeout(waiting.timer);
      this.inFlight.set(id, waiting.resolve);
      this.send({ kind: 'call', ...waiting.request });
    }
    this.queued.clear();
    for (const listener of this.connectionListeners) listener(true);
  }

  private handleClose(socket: WebSocket): void {
    if (socket !== this.socket) return;
    const wasOpen = this.open;
    this.open = false;
    for (const resolve of this.inFlight.values()) resolve(disconnected);
    this.inFlight.clear();
    if (wasOpen) for (const listener of this.connectionListeners) listener(false);
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
    if (message.kind === 'reply') {
      const resolve = this.inFlight.get(message.id);
      this.inFlight.delete(message.id);
      resolve?.(message.envelope);
    } else if (message.kind === 'event') {
      const event = { name: message.name, payload: message.payload } as AnyEvent;
      for (const listener of this.eventListeners) listener(event);
    }
  }

  private send(message: ClientMessage): void {
    this.socket?.send(JSON.stringify(message));
  }
}
