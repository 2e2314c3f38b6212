import { crc32 } from 'node:zlib';

/**
 * The bytes on disk, as pure functions. Every line is `<crc32 as 8 hex digits> <JSON>\n`: JSON
 * never contains a raw newline, so a line is a record and a line whose checksum does not match
 * (or that has no newline yet) is one that was not written whole.
 *
 *   journal segment `<name>.journal-<n>`: a header line, then one line per append() call
 *     header {"store":"ecs","version":2,"segment":5}
 *     record {"seq":42,"changes":[...]}
 *   snapshot `<name>.snapshot`: a header line, then the state as JSON (exactly `bytes` bytes)
 *     header {"store":"ecs","version":2,"seq":40,"segment":5,"bytes":1234,"crc":"0a1b2c3d"}
 *     where `segment` is the first journal segment to replay on top of it.
 */

export interface SegmentHeader {
  store: string;
  version: number;
  segment: number;
}

export interface JournalRecord<C> {
  seq: number;
  changes: C[];
}

export interface SnapshotHeader {
  store: string;
  version: number;
  /** The last change sequence number the state includes. */
  seq: number;
  /** The first journal segment to replay on top of this snapshot. */
  segment: number;
  bytes: number;
  crc: string;
}

/** What makes a store unreadable: its files are moved aside, never silently replaced. */
export class CorruptStoreError extends Error {
  override readonly name = 'CorruptStoreError';
}

const newline = 0x0a;

function checksum(data: string | Uint8Array): string {
  return crc32(data).toString(16).padStart(8, '0');
}

export function encodeLine(value: unknown): Buffer {
  return encodeJsonLine(JSON.stringify(value));
}

/** A line from JSON text already serialised. */
export function encodeJsonLine(json: string): Buffer {
  // One buffer, written in place: the JSON after room for the checksum, then the checksum.
  const length = Buffer.byteLength(json, 'utf8');
  const line = Buffer.allocUnsafe(length + 10);
  line.write(json, 9, 'utf8');
  line.write(`${checksum(line.subarray(9, 9 + length))} `, 0, 'latin1');
  line[9 + length] = newline;
  return line;
}

/** Parses one line (without its newline); undefined when its checksum does not match. */
function decodeLine(line: Buffer): unknown {
  if (line.length < 10 || line[8] !== 0x20) return undefined;
  const json = line.subarray(9);
  if (line.subarray(0, 8).toString('latin1') !== checksum(json)) return undefined;
  try {
    return JSON.parse(json.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * A line's JSON even when its checksum does not match, to say what a damaged record was about;
 * undefined when it does not parse.
 */
export function decodeLineLoosely(line: Buffer): unknown {
  const decoded = decodeLine(line);
  if (decoded !== undefined) return decoded;
  try {
    return JSON.parse(line.subarray(9).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export interface ScannedLines {
  /** The lines written whole before the first damaged one, each with the offset past its newline. */
  lines: { value: unknown; end: number }[];
  /** Bytes up to the end of the last good line: where the damage starts. */
  goodLength: number;
  /** Whether anything (a torn tail, a damaged record and whatever follows it) comes after. */
  torn: boolean;
}

/**
 * Reads checksummed lines up to the first one that was not written whole (or was damaged
 * since): what follows it cannot be trusted to follow on from what came before.
 */
export function scanLines(data: Buffer): ScannedLines {
  const lines: ScannedLines['lines'] = [];
  let offset = 0;
  while (offset < data.length) {
    const end = data.indexOf(newline, offset);
    if (end === -1) break;
    const value = decodeLine(data.subarray(offset, end));
    if (value === undefined) break;
    lines.push({ value, end: end + 1 });
    offset = end + 1;
  }
  return { lines, goodLength: offset, torn: offset < data.length };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

export function parseSegmentHeader(value: unknown, what: string): SegmentHeader {
  if (
    isRecord(value) &&
    typeof value.store === 'string' &&
    isCount(value.version) &&
    isCount(value.segment)
  ) {
    return { store: value.store, version: value.version, segment: value.segment };
  }
  throw new CorruptStoreError(`${what}: the header is not a journal header`);
}

export function parseRecord<C>(value: unknown, what: string): JournalRecord<C> {
  if (isRecord(value) && isCount(value.seq) && Array.isArray(value.changes)) {
    return { seq: value.seq, changes: value.changes as C[] };
  }
  throw new CorruptStoreError(`${what}: a record is not a journal record`);
}

/** The header line of a snapshot whose body has `bytes` bytes with crc32 `crc`. */
export function snapshotHeaderLine(
  header: Omit<SnapshotHeader, 'bytes' | 'crc'>,
  bytes: number,
  crc: number | string,
): Buffer {
  const full: SnapshotHeader = {
    ...header,
    bytes,
    crc: typeof crc === 'string' ? crc : crc.toString(16).padStart(8, '0'),
  };
  return encodeLine(full);
}

export function decodeSnapshot(
  data: Buffer,
  what: string,
): { header: SnapshotHeader; state: unknown } {
  const end = data.indexOf(newline);
  const value = end === -1 ? undefined : decodeLine(data.subarray(0, end));
  if (
    !isRecord(value) ||
    typeof value.store !== 'string' ||
    !isCount(value.version) ||
    !isCount(value.seq) ||
    !isCount(value.segment) ||
    !isCount(value.bytes) ||
    typeof value.crc !== 'string'
  ) {
    throw new CorruptStoreError(`${what}: the header is missing or damaged`);
  }
  const header = value as unknown as SnapshotHeader;
  const body = data.subarray(end + 1);
  if (body.length !== header.bytes || checksum(body) !== header.crc) {
    throw new CorruptStoreError(`${what}: the state does not match its checksum`);
  }
  try {
    return { header, state: JSON.parse(body.toString('utf8')) };
  } catch {
    throw new CorruptStoreError(`${what}: the state is not JSON`);
  }
}
