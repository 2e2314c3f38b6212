/** IPv4 address arithmetic for awsvpc tasks on the cluster network (pure). */

export const ipv4Number = (address: string): number | undefined => {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    return undefined;
  }
  return parts.reduce((sum, part) => sum * 256 + part, 0);
};

const ipv4Text = (value: number): string =>
  [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');

/** The first address and the size of an IPv4 CIDR (`10.0.0.0/16`), or undefined. */
function parseCidr(cidr: string): { start: number; size: number } | undefined {
  const [base = '', bitsText = ''] = cidr.split('/');
  const bits = Number(bitsText);
  const value = ipv4Number(base);
  if (value === undefined || !/^\d+$/.test(bitsText) || bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  return { start: Math.floor(value / size) * size, size };
}

/** The first host address of `cidr`: where Docker puts a bridge network's gateway by default. */
export function firstHost(cidr: string): string | undefined {
  const subnet = parseCidr(cidr);
  return subnet && subnet.size >= 4 ? ipv4Text(subnet.start + 1) : undefined;
}

/** Whether `address` lies in `cidr` (IPv4 only: `10.0.0.0/16`). */
export function ipv4InSubnet(address: string, cidr: string): boolean {
  const subnet = parseCidr(cidr);
  const value = ipv4Number(address);
  if (!subnet || value === undefined) return false;
  return value >= subnet.start && value < subnet.start + subnet.size;
}

/**
 * The address a task gets in `cidr`: `wanted` itself when the subnet holds it; otherwise the
 * same host part moved into the subnet (10.0.3.7 in 172.18.0.0/16 is 172.18.3.7), so ECS's
 * choice still decides. Taken addresses (the gateway, other tasks) are passed over, never the
 * network or broadcast address; undefined when the subnet has no host address left.
 */
export function addressInSubnet(
  wanted: string,
  cidr: string,
  taken: ReadonlySet<string>,
): string | undefined {
  const subnet = parseCidr(cidr);
  if (!subnet || subnet.size < 4) return undefined;
  const hosts = subnet.size - 2;
  const wantedValue = ipv4Number(wanted) ?? 0;
  const offset = ipv4InSubnet(wanted, cidr)
    ? wantedValue - subnet.start
    : wantedValue % subnet.size;
  // Host offsets run 1..size-2; walk from the wanted one, wrapping round.
  const first = Math.min(Math.max(offset, 1), hosts) - 1;
  for (let step = 0; step < hosts; step++) {
    const address = ipv4Text(subnet.start + 1 + ((first + step) % hosts));
    if (!taken.has(address)) return address;
  }
  return undefined;
}
