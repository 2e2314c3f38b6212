import { describe, expect, it } from 'vitest';
import { answersHost, configuredHostNames, hostName, wrongHostBody } from './host-check';

const dns = 'web-1234567890.us-east-1.elb.localhost';
const names = new Set([dns, 'shop.test']);

describe('answersHost', () => {
  it.each([
    ['no Host at all', undefined],
    ['an IPv4 address', '127.0.0.1:8000'],
    ['another IPv4 address', '192.168.1.20:8000'],
    ['an IPv6 address', '[::1]:8000'],
    ['localhost', 'localhost:8000'],
    ['localhost without a port', 'LocalHost'],
    ['a .localhost name', 'anything.localhost:8000'],
    ['the DNSName', `${dns}:8000`],
    ['the DNSName, fully qualified', `${dns}.`],
    ['a configured name', 'Shop.Test:8000'],
  ])('answers %s', (_what, host) => {
    expect(answersHost(host, names)).toBe(true);
  });

  it.each([
    ['a rebinding page', 'attacker.example:8000'],
    ['a name that only ends like localhost', 'evil-localhost:8000'],
    ['a name that only ends like a configured one', 'myshop.test:8000'],
    ['localhost as a subdomain of another name', 'localhost.attacker.example'],
    ['an empty Host', ''],
    ['a malformed IPv6', '[::1:8000'],
  ])('refuses %s', (_what, host) => {
    expect(answersHost(host, names)).toBe(false);
  });
});

describe('host names', () => {
  it('reads STOWAGE_LB_HOSTS as comma-separated names', () => {
    expect(configuredHostNames(' Shop.Test, ,api.internal ')).toEqual([
      'shop.test',
      'api.internal',
    ]);
    expect(configuredHostNames(undefined)).toEqual([]);
  });

  it('takes the port off a Host value', () => {
    expect(hostName('Example.COM:80')).toBe('example.com');
    expect(hostName('[::1]:80')).toBe('[::1]');
    expect(hostName('example.com')).toBe('example.com');
  });

  it('says why in the refusal and echoes only a short, plain part of the name', () => {
    const body = wrongHostBody(`${'a'.repeat(100)}<script>`);
    expect(body).toMatch(/^403 Forbidden: this load balancer answers to a Host that is/);
    expect(body).toContain('STOWAGE_LB_HOSTS');
    expect(body).toContain(`"${'a'.repeat(64)}"`);
    expect(body).not.toContain('<script>');
  });
});
