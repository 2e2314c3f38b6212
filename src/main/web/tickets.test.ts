import { describe, expect, it } from 'vitest';
import { ManualClock } from '../lib/clock';
import { maxOutstandingTickets, TicketBook, ticketLifetimeMs } from './tickets';

function book(clock = new ManualClock(1000)) {
  let counter = 0;
  const tickets = new TicketBook({
    now: () => clock.now(),
    randomBytes: (size) => {
      counter++;
      return Buffer.from(Array.from({ length: size }, (_, i) => (i * 37 + counter * 101) & 0xff));
    },
  });
  return { tickets, clock };
}

describe('one-time tickets', () => {
  it('issues 256-bit tickets that are redeemed once', () => {
    const { tickets } = book();
    const ticket = tickets.issue();
    expect(ticket).toMatch(/^[0-9a-f]{64}$/);
    expect(tickets.redeem(ticket)).toBe(true);
    expect(tickets.redeem(ticket)).toBe(false);
  });

  it('refuses a ticket never issued, a near miss, or an empty one', () => {
    const { tickets } = book();
    const ticket = tickets.issue();
    expect(tickets.redeem('')).toBe(false);
    expect(tickets.redeem(ticket.slice(0, -1))).toBe(false);
    expect(tickets.redeem(`${ticket}0`)).toBe(false);
    expect(tickets.redeem(ticket.toUpperCase())).toBe(false);
    expect(tickets.redeem(ticket)).toBe(true);
  });

  it('refuses a ticket past its lifetime', () => {
    const { tickets, clock } = book();
    const early = tickets.issue();
    clock.advance(ticketLifetimeMs - 1);
    const late = tickets.issue();
    expect(tickets.redeem(early)).toBe(true);
    clock.advance(ticketLifetimeMs);
    expect(tickets.redeem(late)).toBe(false);
    expect(tickets.size).toBe(0);
  });

  it('keeps only the newest few outstanding', () => {
    const { tickets } = book();
    const issued = Array.from({ length: maxOutstandingTickets + 2 }, () => tickets.issue());
    expect(tickets.size).toBe(maxOutstandingTickets);
    expect(tickets.redeem(issued[0] as string)).toBe(false);
    expect(tickets.redeem(issued[1] as string)).toBe(false);
    expect(tickets.redeem(issued.at(-1) as string)).toBe(true);
    expect(tickets.redeem(issued[2] as string)).toBe(true);
  });
});
