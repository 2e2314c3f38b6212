import { isIP } from 'node:net';

/** 127.0.0.0/8, ::1 (and IPv4-mapped loopback) and `localhost` never leave this machine. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare;
  return isIP(v4) === 4 && v4.split('.')[0] === '127';
}

export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** `host:port` as it appears in a Host header: IPv6 in brackets, lower case. */
export function hostHeaderValue(host: string, port: number): string {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return isIP(bare) === 6 ? `[${bare}]:${port}` : `${bare}:${port}`;
}

/**
 * The Host values a server bound to `bindHost` answers to: the loopback names always; the
 * bound address; and for a wildcard bind every address of this machine (and its name), since
 * a browser elsewhere on the network names one of those.
 */
export function allowedHosts(
  bindHost: string,
  port: number,
  machine: { addresses: readonly string[]; hostName: string },
): Set<string> {
  const names = ['127.0.0.1', 'localhost', '::1'];
  if (isWildcard(bindHost)) names.push(...machine.addresses, machine.hostName);
  else names.push(bindHost);
  return new Set(names.filter(Boolean).map((name) => hostHeaderValue(name, port)));
}
