import { describe, expect, it } from 'vitest';
import { gatewayProblem, parseIpv4, parseIpv4Cidr } from './networks';

describe('IPv4 addresses and subnets', () => {
  it('reads dotted quads and nothing else', () => {
    expect(parseIpv4('10.1.2.3')).toBe(0x0a010203);
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    for (const bad of ['256.1.1.1', '1.2.3', '01.2.3.4', '1.2.3.4.5', 'a.b.c.d', '', '1.2.3.-4']) {
      expect(parseIpv4(bad)).toBeUndefined();
    }
  });

  it('takes a subnet only as network address/prefix', () => {
    expect(parseIpv4Cidr('10.10.0.0/24')).toEqual({ network: 0x0a0a0000, prefix: 24 });
    expect(parseIpv4Cidr('10.10.0.0')).toMatchObject({ problem: /address\/prefix/ });
    expect(parseIpv4Cidr('10.10.0.0/33')).toMatchObject({ problem: /0 to 32/ });
    expect(parseIpv4Cidr('10.10.0.5/24')).toMatchObject({ problem: /10\.10\.0\.0\/24/ });
    expect(parseIpv4Cidr('10.300.0.0/16')).toMatchObject({ problem: /not an IPv4/ });
    expect(parseIpv4Cidr('10.0.0.0/31')).toMatchObject({ problem: /30 or less/ });
  });

  it('wants a gateway inside the subnet, not its network or broadcast address', () => {
    expect(gatewayProblem('10.10.0.1', '10.10.0.0/24')).toBeUndefined();
    expect(gatewayProblem('10.11.0.1', '10.10.0.0/24')).toMatch(/not inside/);
    expect(gatewayProblem('10.10.0.255', '10.10.0.0/24')).toMatch(/broadcast/);
    expect(gatewayProblem('10.10.0.1', undefined)).toMatch(/needs a subnet/);
    expect(gatewayProblem('x', '10.10.0.0/24')).toMatch(/not an IPv4/);
  });
});
