import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** What of an HTTP request SigV4 signs. */
export interface SignedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How far a request's `x-amz-date` may be from the server's clock, either way, as on AWS. */
export const signatureWindowMs = 15 * 60 * 1000;

const amzDatePattern = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]{1,32})\/([a-z0-9-]{1,32})\/aws4_request,\s*SignedHeaders=([a-z0-9;._-]{1,1024}),\s*Signature=([0-9a-f]{64})$/;

/**
 * Whether `request`'s SigV4 `Authorization` header was made with `secretAccessKey`: the
 * canonical request is rebuilt from what arrived and signed again, and the two signatures
 * compared in constant time. Any header the signature names must be present; `host` must be
 * among them, as SigV4 requires.
 */
export function verifySigV4(request: SignedRequest, secretAccessKey: string): boolean {
  const authorization = request.headers.authorization;
  if (typeof authorization !== 'string') return false;
  const match = authorizationPattern.exec(authorization.slice(0, 2048));
  if (!match) return false;
  const [, , date = '', region = '', service = '', signedList = '', signature = ''] = match;
  const amzDate = request.headers['x-amz-date'];
  if (typeof amzDate !== 'string' || !amzDate.startsWith(date)) return false;
  const signedHeaders = signedList.split(';');
  if (!signedHeaders.includes('host')) return false;
  const headerLines: string[] = [];
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return false;
    const text = Array.isArray(value) ? value.join(',') : value;
    headerLines.push(`${name}:${text.trim().replace(/\s+/g, ' ')}\n`);
  }
  const [path = '/', query = ''] = request.url.split('?', 2);
  const payloadHash = sha256Hex(request.body);
  const canonical = [
    request.method,
    path || '/',
    canonicalQuery(query),
    headerLines.join(''),
    signedList,
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  let key: Buffer = hmac(`AWS4${secretAccessKey}`, date);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const expected = hmac(key, toSign);
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/**
 * Why a request signed at `amzDate` is refused at `now`, in AWS's words (STS answers them as
 * SignatureDoesNotMatch): a signature is good for 15 minutes either side of the server's clock,
 * so a captured request cannot be replayed later. Undefined inside the window, and for a date
 * that is not SigV4's basic format (the signature check refuses that one).
 */
export function signatureTimeProblem(amzDate: string, now: number): string | undefined {
  const signedAt = amzDateTime(amzDate);
  if (signedAt === undefined) return undefined;
  if (signedAt < now - signatureWindowMs) {
    return `Signature expired: ${amzDate} is now earlier than ${amzDateOf(now - signatureWindowMs)} (${amzDateOf(now)} - 15 min.)`;
  }
  if (signedAt > now + signatureWindowMs) {
    return `Signature not yet current: ${amzDate} is still later than ${amzDateOf(now + signatureWindowMs)} (${amzDateOf(now)} + 15 min.)`;
  }
  return undefined;
}

/** Epoch milliseconds of `20260101T000000Z`, or undefined for anything else. */
function amzDateTime(amzDate: string): number | undefined {
  const parts = amzDatePattern.exec(amzDate);
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 20261340T… over into a later date: such a date is no date.
  return amzDateOf(time) === amzDate ? time : undefined;
}

/** `20260101T000000Z`: SigV4's basic ISO 8601 form of an instant. */
export function amzDateOf(time: number): string {
  return new Date(time).toISOString().replace(/[-:]|\.\d{3}/g, '');
}

/** The query's pairs sorted by name then value, each part URI-encoded as SigV4 wants. */
function canonicalQuery(query: string): string {
  if (!query) return '';
  return query
    .split('&')
    .map((pair) => {
      const [name = '', value = ''] = pair.split('=', 2);
      return [encode(decodeOrSelf(name)), encode(decodeOrSelf(value))] as const;
    })
    .sort(([a, x], [b, y]) => (a === b ? compare(x, y) : compare(a, b)))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function decodeOrSelf(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
