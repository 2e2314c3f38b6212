/**
 * The AWS Query protocol (ELBv2, STS), without the HTTP: a form-encoded body naming the
 * `Action` and `Version`, its members flattened to dotted names (`Names.member.1`,
 * `Tags.member.2.Key`), and answers and errors as XML.
 */

import type { AwsAnswer } from './aws-json';

export const queryContentType = 'application/x-www-form-urlencoded';
export const xmlContentType = 'text/xml';

/** What a member list may hold at most; an index past it is refused rather than allocated. */
const maxListIndex = 1000;
const maxEchoed = 64;

export interface QueryRequest {
  action: string;
  version: string | undefined;
  /** The members, nested again: `A.member.1.B=x` is `{ A: [{ B: 'x' }] }`. */
  members: Record<string, unknown>;
}

export type ParsedQuery = { ok: true; request: QueryRequest } | { ok: false; answer: AwsAnswer };

/** `application/x-www-form-urlencoded`, with or without parameters. */
export function isQueryContentType(header: string | undefined): boolean {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() === queryContentType;
}

/** Reads a form-encoded body into its action and nested members, refusing what is malformed. */
export function parseQuery(text: string, xmlns: string): ParsedQuery {
  const form = new URLSearchParams(text);
  const action = form.get('Action') ?? '';
  if (!/^[A-Za-z]{1,64}$/.test(action)) {
    return refuse(xmlns, 'MissingAction', 'Name the action to call in the Action parameter.');
  }
  const members: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, value] of form) {
    if (name === 'Action' || name === 'Version') continue;
    const path = name.split('.');
    if (!placeMember(members, path, value)) {
      return refuse(xmlns, 'MalformedQueryString', `"${echo(name)}" is not a member name.`);
    }
  }
  return { ok: true, request: { action, version: form.get('Version') ?? undefined, members } };
}

/** Sets `value` at `path`; false when the path is malformed or clashes with another member. */
function placeMember(
  into: Record<string, unknown>,
  path: readonly string[],
  value: string,
): boolean {
  let container: Record<string, unknown> | unknown[] = into;
  let at = 0;
  for (;;) {
    let key: string | number;
    if (Array.isArray(container)) {
      const index = path[at + 1] ?? '';
      if (path[at] !== 'member' || !/^[1-9][0-9]{0,3}$/.test(index)) return false;
      if (Number(index) > maxListIndex) return false;
      key = Number(index) - 1;
      at += 2;
    } else {
      const name = path[at] ?? '';
      if (!/^[A-Za-z][A-Za-z0-9]{0,127}$/.test(name)) return false;
      key = name;
      at += 1;
    }
    const slots = container as Record<string | number, unknown>;
    const current = slots[key];
    if (at === path.length) {
      if (current !== undefined) return false;
      slots[key] = value;
      return true;
    }
    const wantsList = path[at] === 'member';
    if (current === undefined) {
      const created = wantsList ? [] : (Object.create(null) as Record<string, unknown>);
      slots[key] = created;
      container = created;
    } else if (
      typeof current === 'object' &&
      current !== null &&
      Array.isArray(current) === wantsList
    ) {
      container = current as Record<string, unknown> | unknown[];
    } else return false;
  }
}

/** A successful answer: `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>`. */
export function queryAnswer(
  action: string,
  xmlns: string,
  result: unknown,
  requestId: string,
): AwsAnswer {
  const body =
    `<${action}Response xmlns="${escapeXml(xmlns)}">` +
    `<${action}Result>${xmlMembers(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>` +
    `</${action}Response>`;
  return { status: 200, contentType: xmlContentType, body };
}

/** An error: Sender's fault below 500, Receiver's from 500, as AWS Query words it. */
export function queryErrorAnswer(
  xmlns: string,
  code: string,
  message: string,
  status = 400,
  requestId = '',
): AwsAnswer {
  const fault = status >= 500 ? 'Receiver' : 'Sender';
  const body =
    `<ErrorResponse xmlns="${escapeXml(xmlns)}"><Error><Type>${fault}</Type>` +
    `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`;
  return { status, errorType: code, contentType: xmlContentType, body };
}

/** Members as XML elements: lists as `<member>`s, Dates in ISO 8601, absent members left out. */
function xmlMembers(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  let xml = '';
  for (const [name, member] of Object.entries(value)) {
    if (member === undefined || member === null) continue;
    xml += `<${name}>${xmlValue(member)}</${name}>`;
  }
  return xml;
}

function xmlValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value))
    return value.map((item) => `<member>${xmlValue(item)}</member>`).join('');
  if (typeof value === 'object' && value !== null) return xmlMembers(value);
  return escapeXml(String(value));
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function echo(text: string): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > maxEchoed ? `${printable.slice(0, maxEchoed)}…` : printable;
}

function refuse(xmlns: string, code: string, message: string): ParsedQuery {
  return { ok: false, answer: queryErrorAnswer(xmlns, code, message) };
}
