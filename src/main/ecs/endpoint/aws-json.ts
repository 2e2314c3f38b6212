/**
 * The AWS JSON 1.1 protocol (ECS, Application Auto Scaling), without the HTTP: the service
 * and operation named by `X-Amz-Target` (`<service prefix>.<Operation>`), the JSON body read
 * defensively, results with Dates as epoch seconds, and errors as `{"__type", "message"}`.
 */

import { isSharedView, wireValueOf } from '../control-plane/core/context';

export const amzJsonContentType = 'application/x-amz-json-1.1';

/** Deeper input than any ECS request needs is refused before it is parsed. */
export const maxJsonDepth = 32;

/** What is echoed of a name the client sent: a short, printable prefix. */
const maxEchoed = 64;

export interface AwsAnswer {
  status: number;
  /** Set for errors: also sent as `x-amzn-ErrorType`. */
  errorType?: string;
  /** When not AWS JSON 1.1 (an AWS Query answer is XML). */
  contentType?: string;
  body: string;
}

export function errorAnswer(type: string, message: string, status = 400): AwsAnswer {
  return { status, errorType: type, body: JSON.stringify({ __type: type, message }) };
}

/** `application/x-amz-json-1.1` or `application/json`, with or without parameters. */
export function acceptedContentType(header: string | undefined): boolean {
  const mediaType = (header ?? '').split(';')[0]?.trim().toLowerCase();
  return mediaType === amzJsonContentType || mediaType === 'application/json';
}

export type ParsedTarget<Service> =
  { ok: true; service: Service; operation: string } | { ok: false; answer: AwsAnswer };

/**
 * The service (the one whose target prefix the header starts with) and operation a call
 * names. `services[0]` is the one a missing header is told about.
 */
export function parseTarget<Service extends { targetPrefix: string }>(
  header: string | undefined,
  services: readonly [Service, ...Service[]],
): ParsedTarget<Service> {
  if (header === undefined || header === '') {
    return {
      ok: false,
      answer: errorAnswer(
        'UnknownOperationException',
        `Name the operation in X-Amz-Target, as ${services[0].targetPrefix}<Operation>.`,
      ),
    };
  }
  const service = services.find(({ targetPrefix }) => header.startsWith(targetPrefix));
  const operation = service ? header.slice(service.targetPrefix.length) : '';
  if (!/^[A-Za-z]{1,64}$/.test(operation)) {
    return {
      ok: false,
      answer: errorAnswer(
        'UnknownOperationException',
        `"${echo(header)}" is not an operation of this service.`,
      ),
    };
  }
  return { ok: true, service: service!, operation };
}

export type ParsedBody =
  { ok: true; value: Record<string, unknown> } | { ok: false; answer: AwsAnswer };

/**
 * The request members. An empty body is no input; anything but a JSON object is refused. A
 * null member counts as absent (as AWS treats it) and `__proto__` keys are dropped, so no
 * later merge can reach an object's prototype.
 */
export function parseBody(text: string): ParsedBody {
  if (text.trim() === '') return { ok: true, value: {} };
  if (nestingDepth(text) > maxJsonDepth) {
    return serializationError(`The request body is nested more than ${maxJsonDepth} levels deep.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return serializationError('The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return serializationError('The request body must be a JSON object.');
  }
  // Text without `null`, `__proto__` or an escape (which could spell either) has neither to
  // drop, so most bodies are not walked again.
  if (/null|__proto__|\\/.test(text)) dropNullsAndProtoKeys(value);
  return { ok: true, value: value as Record<string, unknown> };
}

/** Deletes null members of objects (not of arrays) and `__proto__` keys, all the way down. */
function dropNullsAndProtoKeys(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) dropNullsAndProtoKeys(item);
    return;
  }
  const members = value as Record<string, unknown>;
  for (const key of Object.keys(members)) {
    if (key === '__proto__' || members[key] === null) delete members[key];
    else dropNullsAndProtoKeys(members[key]);
  }
}

/** How deeply arrays and objects nest in JSON text (strings skipped), without parsing it. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (char === 0x5d || char === 0x7d) depth--;
  }
  return deepest;
}

/** The wire form of each shared response (see sharedView), made once. */
const wireForms = new WeakMap<object, string>();

/**
 * A result as JSON: members as given, Dates as epoch seconds (fractional when need be). A
 * shared response (a task described again) is written as its wire form, made once.
 */
export function serialiseResult(result: unknown): string {
  return writeJson(result ?? {}) ?? '{}';
}

/** JSON.stringify's output for plain data, with Dates as epoch seconds; undefined for none. */
function writeJson(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.getTime() / 1000);
  if (isSharedView(value)) {
    let wire = wireForms.get(value);
    if (wire === undefined) {
      wire = JSON.stringify(toWireValue(value));
      wireForms.set(value, wire);
    }
    return wire;
  }
  const wire = wireValueOf(value);
  if (wire !== undefined) return JSON.stringify(wire);
  if (Array.isArray(value)) return `[${value.map((item) => writeJson(item) ?? 'null').join(',')}]`;
  const members: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    const json = writeJson(member);
    if (json !== undefined) members.push(`${JSON.stringify(key)}:${json}`);
  }
  return `{${members.join(',')}}`;
}

/** A copy with Dates as epoch seconds, for one native stringify rather than a replacer. */
function toWireValue(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(toWireValue);
  const wire: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const member = source[key];
    if (key === '__proto__') {
      Object.defineProperty(wire, key, {
        value: toWireValue(member),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else wire[key] = toWireValue(member);
  }
  return wire;
}

/** A short printable prefix of something the client sent, safe to put in a message. */
export function echo(text: string): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > maxEchoed ? `${printable.slice(0, maxEchoed)}…` : printable;
}

function serializationError(message: string): ParsedBody {
  return { ok: false, answer: errorAnswer('SerializationException', message) };
}
