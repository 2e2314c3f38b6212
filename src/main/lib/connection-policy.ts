/**
 * Who keeps a slot on a listener when clients open more connections than it will hold: the
 * one policy of browser mode, the ECS endpoint and every listener after them. A connection
 * that is serving a request (or was upgraded to a WebSocket) is never evicted; of the idle
 * ones, the longest idle goes first, so a flood of silent sockets only ever evicts its own
 * oldest members and a fresh client always gets in.
 */
export interface ConnectionLimits {
  /** Connections held at once. */
  maxConnections: number;
  /** Connections held at once from one remote address: below the total, so others get room. */
  maxConnectionsPerClient: number;
  /** A connection that has not sent a whole request by then is closed. */
  firstRequestTimeoutMs: number;
}

export const defaultConnectionLimits: ConnectionLimits = {
  maxConnections: 256,
  maxConnectionsPerClient: 192,
  firstRequestTimeoutMs: 5000,
};

/** The limits with defaults filled in; a per-client cap left out is three quarters of the total. */
export function connectionLimits(given: Partial<ConnectionLimits> = {}): ConnectionLimits {
  const maxConnections = given.maxConnections ?? defaultConnectionLimits.maxConnections;
  const maxConnectionsPerClient =
    given.maxConnectionsPerClient ??
    Math.min(
      defaultConnectionLimits.maxConnectionsPerClient,
      Math.max(1, Math.floor((maxConnections * 3) / 4)),
    );
  const firstRequestTimeoutMs =
    given.firstRequestTimeoutMs ?? defaultConnectionLimits.firstRequestTimeoutMs;
  if (!(maxConnections >= 2 && maxConnectionsPerClient >= 1)) {
    throw new Error('A listener needs room for at least two connections, one per client.');
  }
  if (maxConnectionsPerClient >= maxConnections) {
    throw new Error('The per-client connection cap must be below the total.');
  }
  return { maxConnections, maxConnectionsPerClient, firstRequestTimeoutMs };
}

interface Entry {
  client: string;
  /** Requests in progress on this connection. */
  busy: number;
  /** Upgraded (a WebSocket): it holds its slot until it closes. */
  pinned: boolean;
}

export interface Admission<C> {
  admitted: boolean;
  /** Idle connections to close to make room, oldest first. */
  evicted: C[];
}

/** The connections of one listener, in order of last activity (oldest first). */
export class ConnectionTable<C> {
  private readonly entries = new Map<C, Entry>();
  private readonly perClient = new Map<string, number>();

  constructor(private readonly limits: ConnectionLimits) {}

  get size(): number {
    return this.entries.size;
  }

  /** Takes a new connection, evicting idle ones to make room; refuses it only when none is idle. */
  admit(connection: C, client: string): Admission<C> {
    const evicted: C[] = [];
    if ((this.perClient.get(client) ?? 0) >= this.limits.maxConnectionsPerClient) {
      const victim = this.oldestIdle(client);
      if (victim === undefined) return { admitted: false, evicted };
      this.remove(victim);
      evicted.push(victim);
    }
    if (this.entries.size >= this.limits.maxConnections) {
      const victim = this.oldestIdle(undefined);
      if (victim === undefined) return { admitted: false, evicted };
      this.remove(victim);
      evicted.push(victim);
    }
    this.entries.set(connection, { client, busy: 0, pinned: false });
    this.perClient.set(client, (this.perClient.get(client) ?? 0) + 1);
    return { admitted: true, evicted };
  }

  requestStarted(connection: C): void {
    const entry = this.entries.get(connection);
    if (entry) entry.busy++;
  }

  requestEnded(connection: C): void {
    const entry = this.entries.get(connection);
    if (!entry) return;
    entry.busy = Math.max(0, entry.busy - 1);
    if (entry.busy > 0) return;
    // Just active: to the back of the line.
    this.entries.delete(connection);
    this.entries.set(connection, entry);
  }

  pin(connection: C): void {
    const entry = this.entries.get(connection);
    if (entry) entry.pinned = true;
  }

  remove(connection: C): void {
    const entry = this.entries.get(connection);
    if (!entry) return;
    this.entries.delete(connection);
    const left = (this.perClient.get(entry.client) ?? 1) - 1;
    if (left > 0) this.perClient.set(entry.client, left);
    else this.perClient.delete(entry.client);
  }

  private oldestIdle(client: string | undefined): C | undefined {
    for (const [connection, entry] of this.entries) {
      if (entry.busy === 0 && !entry.pinned && (client === undefined || entry.client === client)) {
        return connection;
      }
    }
    return undefined;
  }
}
