import { describe, expect, it } from 'vitest';
import { addressInSubnet, firstHost, ipv4InSubnet } from './subnet-address';

describe('awsvpc addresses in the cluster network’s subnet', () => {
  it('tells whether an address lies in a subnet', () => {
    expect(ipv4InSubnet('10.0.3.7', '10.0.0.0/16')).toBe(true);
    expect(ipv4InSubnet('10.1.3.7', '10.0.0.0/16')).toBe(false);
    expect(ipv4InSubnet('172.18.0.9', '172.18.0.0/29')).toBe(false);
    expect(ipv4InSubnet('172.18.0.7', '172.18.0.0/29')).toBe(true);
    expect(ipv4InSubnet('fd00::1', '10.0.0.0/16')).toBe(false);
    expect(ipv4InSubnet('10.0.0.1', 'fd00::/64')).toBe(false);
    expect(ipv4InSubnet('not-an-ip', '10.0.0.0/8')).toBe(false);
    expect(ipv4InSubnet('10.0.4.7', '0.0.0.0/0')).toBe(true);
  });

  it('names the first host, where Docker puts a gateway it was not given', () => {
    expect(firstHost('10.213.77.0/28')).toBe('10.213.77.1');
    expect(firstHost('172.18.0.0/16')).toBe('172.18.0.1');
    expect(firstHost('fd00::/64')).toBeUndefined();
  });

  it('keeps ECS’s address when the subnet holds it', () => {
    expect(addressInSubnet('10.0.3.7', '10.0.0.0/16', new Set(['10.0.0.1']))).toBe('10.0.3.7');
  });

  it('moves the host part into another subnet', () => {
    expect(addressInSubnet('10.0.3.7', '172.18.0.0/16', new Set(['172.18.0.1']))).toBe(
      '172.18.3.7',
    );
    expect(addressInSubnet('10.0.3.7', '192.168.5.0/24', new Set())).toBe('192.168.5.7');
  });

  it('passes over taken addresses, the network and the broadcast address, wrapping round', () => {
    const taken = new Set(['192.168.5.7', '192.168.5.8']);
    expect(addressInSubnet('10.0.3.7', '192.168.5.0/24', taken)).toBe('192.168.5.9');
    // 10.0.0.0 maps to the network address and 10.0.0.255 to the broadcast: neither is used.
    expect(addressInSubnet('10.0.0.0', '192.168.5.0/24', new Set(['192.168.5.1']))).toBe(
      '192.168.5.2',
    );
    expect(addressInSubnet('10.0.0.255', '192.168.5.0/24', new Set())).toBe('192.168.5.254');
    expect(addressInSubnet('10.0.0.6', '172.18.0.0/29', new Set(['172.18.0.6']))).toBe(
      '172.18.0.1',
    );
  });

  it('answers undefined for a full subnet or one that is not IPv4', () => {
    const full = new Set(['172.18.0.1', '172.18.0.2']);
    expect(addressInSubnet('10.0.0.2', '172.18.0.0/30', full)).toBeUndefined();
    expect(addressInSubnet('10.0.0.2', 'fd00::/64', new Set())).toBeUndefined();
    expect(addressInSubnet('10.0.0.2', '172.18.0.0/31', new Set())).toBeUndefined();
  });
});
