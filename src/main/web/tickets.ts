import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * One-time tickets for the URL `stowage web` prints. A URL ends up in the browser's history
 * database (which `history.replaceState` does not clear, and which sync may upload), so it
 * carries a ticket rather than the credential: the page trades it once for the session
 * token. A ticket is good for one exchange within its lifetime; only a few are outstanding,
 * the oldest dropped first.
 */
export interface TicketBookOptions {
  now: () => number;
  /** Cryptographically random bytes. */
  randomBytes: (size: number) => Buffer;
  lifetimeMs?: number;
  maxOutstanding?: number;
}

export const ticketLifetimeMs = 5 * 60_000;
export const maxOutstandingTickets = 8;

interface Outstanding {
  digest: Buffer;
  expiresAt: number;
}

export class TicketBook {
  private outstanding: Outstanding[] = [];
  private readonly lifetimeMs: number;
  private readonly maxOutstanding: number;

  constructor(private readonly options: TicketBookOptions) {
    this.lifetimeMs = options.lifetimeMs ?? ticketLifetimeMs;
    this.maxOutstanding = options.maxOutstanding ?? maxOutstandingTickets;
  }

  /** A fresh ticket: 256 random bits, hex. Only its digest is kept. */
  issue(): string {
    const ticket = this.options.randomBytes(32).toString('hex');
    this.prune();
    this.outstanding.push({
      digest: digest(ticket),
      expiresAt: this.options.now() + this.lifetimeMs,
    });
    if (this.outstanding.length > this.maxOutstanding) this.outstanding.shift();
    return ticket;
  }

  /**
   * True once for a ticket issued, not yet redeemed and not expired. Every outstanding ticket
   * is compared, in constant time, whether or not one matched.
   */
  redeem(presented: string): boolean {
    this.prune();
    const presentedDigest = digest(presented);
    let matched = -1;
    this.outstanding.forEach((entry, index) => {
      if (timingSafeEqual(entry.digest, presentedDigest)) matched = index;
    });
    if (matched < 0) return false;
    this.outstanding.splice(matched, 1);
    return true;
  }

  get size(): number {
    this.prune();
    return this.outstanding.length;
  }

  private prune(): void {
    const now = this.options.now();
    this.outstanding = this.outstanding.filter((entry) => entry.expiresAt > now);
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
