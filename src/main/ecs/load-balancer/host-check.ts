/**
 * Which `Host` a load balancer's direct listener (127.0.0.1:P) answers to. An application load
 * balancer answers any Host, but one here sits on the loopback, where a web page that
 * rebinds its own name to 127.0.0.1 (DNS rebinding) could otherwise read what the containers
 * behind it answer. Such a page always sends its own name, so a listener answers: no Host at
 * all (no browser sends that), an IP address, `localhost` and `*.localhost` (which resolve to
 * the loopback without DNS), its load balancer's DNSName, and the names the user lists in
 * `STOWAGE_LB_HOSTS` (comma-separated, for an /etc/hosts entry of their own).
 */
import { isIP } from 'node:net';

/** The environment variable that lists further names the direct listeners answer to. */
export const extraHostsVariable = 'STOWAGE_LB_HOSTS';

/** The names in `STOWAGE_LB_HOSTS`: trimmed, lower case, empty ones dropped. */
export function configuredHostNames(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
}

/** The name of a Host header value, without its port, in lower case (IPv6 in brackets). */
export function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return colon < 0 ? lower : lower.slice(0, colon);
}

/** Whether a direct listener answers a request whose Host is `host` (see the module's note). */
export function answersHost(host: string | undefined, names: ReadonlySet<string>): boolean {
  if (host === undefined) return true;
  const name = hostName(host);
  const bare = name.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0) return true;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  return names.has(name.replace(/\.$/, ''));
}

/** The refusal's body: why, and what would be answered (the name echoed only in part). */
export function wrongHostBody(host: string): string {
  const shown = host.replace(/[^\w.:[\]-]/g, '?').slice(0, 64);
  return (
    `403 Forbidden: this load balancer answers to a Host that is an IP address, localhost or ` +
    `a name ending in .localhost, its DNSName, or a name listed in ${extraHostsVariable}; ` +
    `"${shown}" is none of them. (A web page on another site that rebinds its name to this ` +
    `machine sends its own name, so it is refused.)\n`
  );
}
