import { describe, expect, it } from 'vitest';
import { ConnectionTable, connectionLimits } from './connection-policy';

const limits = { maxConnections: 4, maxConnectionsPerClient: 3, firstRequestTimeoutMs: 1000 };

describe('the connection policy', () => {
  it('evicts the longest idle connection of a client at its cap, never a fresh one', () => {
    const table = new ConnectionTable<string>(limits);
    for (const name of ['a1', 'a2', 'a3']) expect(table.admit(name, 'a').admitted).toBe(true);
    expect(table.admit('a4', 'a')).toEqual({ admitted: true, evicted: ['a1'] });
    expect(table.admit('a5', 'a')).toEqual({ admitted: true, evicted: ['a2'] });
    expect(table.size).toBe(3);
  });

  it('leaves room for another client under the per-client cap, then evicts overall', () => {
    const table = new ConnectionTable<string>(limits);
    for (const name of ['a1', 'a2', 'a3']) table.admit(name, 'a');
    expect(table.admit('b1', 'b')).toEqual({ admitted: true, evicted: [] });
    expect(table.admit('b2', 'b')).toEqual({ admitted: true, evicted: ['a1'] });
  });

  it('never evicts a connection serving a request or upgraded; refuses when none is idle', () => {
    const table = new ConnectionTable<string>(limits);
    for (const name of ['a1', 'a2', 'a3']) table.admit(name, 'a');
    table.requestStarted('a1');
    table.pin('a2');
    expect(table.admit('a4', 'a')).toEqual({ admitted: true, evicted: ['a3'] });
    table.requestStarted('a4');
    expect(table.admit('a5', 'a')).toEqual({ admitted: false, evicted: [] });
    table.requestEnded('a1');
    expect(table.admit('a5', 'a')).toEqual({ admitted: true, evicted: ['a1'] });
  });

  it('counts a connection that just finished a request as the most recently active', () => {
    const table = new ConnectionTable<string>(limits);
    for (const name of ['a1', 'a2', 'a3']) table.admit(name, 'a');
    table.requestStarted('a1');
    table.requestEnded('a1');
    expect(table.admit('a4', 'a').evicted).toEqual(['a2']);
  });

  it('forgets closed connections', () => {
    const table = new ConnectionTable<string>(limits);
    for (const name of ['a1', 'a2', 'a3']) table.admit(name, 'a');
    table.remove('a2');
    table.remove('a2');
    expect(table.admit('a4', 'a')).toEqual({ admitted: true, evicted: [] });
    expect(table.size).toBe(3);
  });

  it('keeps the per-client cap below the total', () => {
    expect(connectionLimits({ maxConnections: 8 }).maxConnectionsPerClient).toBe(6);
    expect(connectionLimits().maxConnectionsPerClient).toBeLessThan(
      connectionLimits().maxConnections,
    );
    expect(() => connectionLimits({ maxConnections: 4, maxConnectionsPerClient: 4 })).toThrow(
      /below the total/,
    );
  });
});
