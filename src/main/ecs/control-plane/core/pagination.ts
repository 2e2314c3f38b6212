import { EcsApiError } from './ecs-api-error';

/**
 * One page of `items` (already in their list order) after the opaque `nextToken`, which
 * encodes the position; `maxResults` was validated by the caller (1–100, default 100).
 */
export function paginate<T>(
  items: readonly T[],
  nextToken: string | undefined,
  maxResults: number | undefined,
): { page: T[]; nextToken?: string } {
  const start = nextToken === undefined ? 0 : decodeToken(nextToken);
  const size = maxResults ?? 100;
  const page = items.slice(start, start + size);
  const end = start + page.length;
  return end < items.length ? { page, nextToken: encodeToken(end) } : { page };
}

function encodeToken(offset: number): string {
  return btoa(JSON.stringify({ offset }));
}

function decodeToken(token: string): number {
  try {
    const parsed: unknown = JSON.parse(atob(token));
    if (typeof parsed === 'object' && parsed !== null && 'offset' in parsed) {
      const offset = (parsed as { offset: unknown }).offset;
      if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
    }
  } catch {
    // fall through to the error below
  }
  throw new EcsApiError('InvalidParameterException', 'Invalid nextToken provided.');
}
