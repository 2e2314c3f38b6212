import { describe, expect, it } from 'vitest';
import { allowedHosts, hostHeaderValue, isLoopback } from './host-names';

describe('host names', () => {
  it('counts all of 127.0.0.0/8, ::1 and localhost as loopback', () => {
    for (const host of [
      '127.0.0.1',
      '127.0.0.2',
      '127.255.1.9',
      '::1',
      '[::1]',
      'localhost',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopback(host)).toBe(true);
    }
    for (const host of [
      '0.0.0.0',
      '::',
      '10.0.0.1',
      '128.0.0.1',
      'example.com',
      '127.0.0.1.example.com',
    ]) {
      expect(isLoopback(host)).toBe(false);
    }
  });

  it('writes Host header values as browsers send them', () => {
    expect(hostHeaderValue('::1', 80)).toBe('[::1]:80');
    expect(hostHeaderValue('[FE80::1]', 80)).toBe('[fe80::1]:80');
    expect(hostHeaderValue('LocalHost', 80)).toBe('localhost:80');
  });

  it('answers to the bound address and loopback; to every address of the machine on a wildcard', () => {
    const machine = { addresses: ['192.168.1.20', 'fe80::1'], hostName: 'box' };
    expect([...allowedHosts('127.0.0.2', 5850, machine)]).toEqual([
      '127.0.0.1:5850',
      'localhost:5850',
      '[::1]:5850',
      '127.0.0.2:5850',
    ]);
    const wildcard = allowedHosts('0.0.0.0', 5850, machine);
    expect(wildcard.has('192.168.1.20:5850')).toBe(true);
    expect(wildcard.has('[fe80::1]:5850')).toBe(true);
    expect(wildcard.has('box:5850')).toBe(true);
    expect(wildcard.has('evil.example:5850')).toBe(false);
  });
});
