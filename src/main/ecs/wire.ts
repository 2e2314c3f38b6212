import type { Wire } from '../../shared';
import { EcsApiError } from './control-plane/core/ecs-api-error';

/** The SDK shape with every Date as epoch milliseconds, as the contract carries it. */
export function toWire<T>(value: T): Wire<T> {
  if (value instanceof Date) return value.getTime() as Wire<T>;
  if (Array.isArray(value)) return value.map(toWire) as Wire<T>;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (member !== undefined) out[key] = toWire(member);
    }
    return out as Wire<T>;
  }
  return value as Wire<T>;
}

/** Every page of a list operation. */
export async function allPages<R extends { nextToken?: string | undefined }>(
  page: (nextToken: string | undefined) => Promise<R>,
): Promise<R[]> {
  const pages: R[] = [];
  let nextToken: string | undefined;
  do {
    const answer = await page(nextToken);
    pages.push(answer);
    nextToken = answer.nextToken;
  } while (nextToken);
  return pages;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}

/** Parses `--cli-input-json` text, with the CLI's complaint when it is not a JSON object. */
export function parseCliJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EcsApiError('ClientException', `Invalid JSON received: ${reason}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EcsApiError('ClientException', 'Invalid JSON received: expected a JSON object.');
  }
  return value as Record<string, unknown>;
}
