import { z } from 'zod';

/** The networks every engine has and no one can remove. */
export const predefinedNetworks: readonly string[] = ['bridge', 'host', 'none'];

/** A network or container, by name or id. */
const objectNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export const networkNameSchema = z
  .string()
  .min(1, 'Give the network a name.')
  .max(128, 'A network name is at most 128 characters.')
  .regex(
    objectNamePattern,
    'Use letters, digits, _ . or -, starting with a letter or digit (e.g. app-net).',
  );

/** A network named by its name or id. */
export const networkRefSchema = networkNameSchema;

export const containerRefInputSchema = z
  .string()
  .min(1, 'Name a container.')
  .max(128, 'A container name is at most 128 characters.')
  .regex(objectNamePattern, 'Not a container name or id.');

/** `10.1.2.3` -> its 32 bits, or undefined when it is not a dotted-quad IPv4 address. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

/** `10.1.0.0/16` -> its network address and prefix, or the problem with it. */
export function parseIpv4Cidr(
  text: string,
): { network: number; prefix: number } | { problem: string } {
  const [address = '', prefixText, ...rest] = text.split('/');
  if (prefixText === undefined || rest.length > 0) {
    return { problem: 'Write a subnet as address/prefix, e.g. 10.10.0.0/24.' };
  }
  const value = parseIpv4(address);
  if (value === undefined)
    return { problem: `${address || 'The address'} is not an IPv4 address.` };
  if (!/^\d{1,2}$/.test(prefixText) || Number(prefixText) > 32) {
    return { problem: 'The prefix after / is a number from 0 to 32.' };
  }
  const prefix = Number(prefixText);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  if ((value & mask) >>> 0 !== value) {
    return {
      problem: `${text} has host bits set: the network address is ${formatIpv4(value & mask)}/${prefix}.`,
    };
  }
  if (prefix > 30) return { problem: 'A subnet for containers needs a prefix of 30 or less.' };
  return { network: value, prefix };
}

export function formatIpv4(value: number): string {
  const v = value >>> 0;
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

/** What is wrong with a gateway for `subnet`, or undefined when it will do. */
export function gatewayProblem(gateway: string, subnet: string | undefined): string | undefined {
  const value = parseIpv4(gateway);
  if (value === undefined) return `${gateway} is not an IPv4 address.`;
  if (subnet === undefined) return 'A gateway needs a subnet to sit in.';
  const parsed = parseIpv4Cidr(subnet);
  if ('problem' in parsed) return undefined;
  const size = 2 ** (32 - parsed.prefix);
  if (value < parsed.network || value >= parsed.network + size) {
    return `${gateway} is not inside ${subnet}.`;
  }
  if (value === parsed.network || value === parsed.network + size - 1) {
    return `${gateway} is the network or broadcast address of ${subnet}.`;
  }
  return undefined;
}

export const ipv4CidrSchema = z.string().superRefine((text, context) => {
  const parsed = parseIpv4Cidr(text);
  if ('problem' in parsed) context.addIssue({ code: 'custom', message: parsed.problem });
});

export const ipv4AddressSchema = z
  .string()
  .refine((text) => parseIpv4(text) !== undefined, 'Not an IPv4 address, e.g. 10.10.0.1.');

export const networkContainerSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The container's state: running, exited, created, ... */
  state: z.string(),
  /** Its IPv4 address on the network, without the prefix; '' when it is not running. */
  ipv4: z.string(),
});
export type NetworkContainer = z.infer<typeof networkContainerSchema>;

export const networkSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  /** Epoch milliseconds. */
  created: z.number(),
  internal: z.boolean(),
  attachable: z.boolean(),
  ipv6: z.boolean(),
  /** bridge, host and none: the engine's own, which cannot be removed. */
  predefined: z.boolean(),
  subnets: z.array(z.object({ subnet: z.string(), gateway: z.string().optional() })),
  labels: z.record(z.string(), z.string()),
  /** The containers attached (running or not). */
  containers: z.array(networkContainerSchema),
});
export type NetworkSummary = z.infer<typeof networkSummarySchema>;

export const networkDetailSchema = networkSummarySchema.extend({
  options: z.record(z.string(), z.string()),
  raw: z.unknown(),
});
export type NetworkDetail = z.infer<typeof networkDetailSchema>;

export const networkPrunePreviewSchema = z.object({
  networks: z.array(z.object({ id: z.string(), name: z.string(), driver: z.string() })),
});
export type NetworkPrunePreview = z.infer<typeof networkPrunePreviewSchema>;

export const networkPruneResultSchema = z.object({
  removed: z.array(z.string()),
  kept: z.array(z.object({ name: z.string(), reason: z.string() })),
});
export type NetworkPruneResult = z.infer<typeof networkPruneResultSchema>;
