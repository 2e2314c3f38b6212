/** One tar entry's header, with PAX and GNU long names already applied. */
export interface TarHeader {
  name: string;
  /** The POSIX type flag: `0` file, `1` hardlink, `2` symlink, `5` directory, ... */
  typeFlag: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkName: string;
}

/** Where an entry's bytes go: views into the parser's input, valid only during the call. */
export interface TarEntrySink {
  /** `last` is true on the call that delivers the entry's final bytes. */
  data(bytes: Uint8Array, last: boolean): void;
  /** After the last bytes (at once for an entry without any). */
  end(): void;
}

export class TarFormatError extends Error {
  constructor(detail: string) {
    super(`The archive is truncated or corrupt, or is not a tar file (${detail}).`);
  }
}

const blockSize = 512;
/** PAX records and GNU long names are metadata: far smaller than this in any real archive. */
const maxMetadataBytes = 1024 * 1024;

interface PendingNames {
  path?: string;
  linkPath?: string;
  size?: number;
  uid?: number;
  gid?: number;
}

type State =
  | { step: 'header' }
  | { step: 'data'; remaining: number; sink: TarEntrySink | undefined; padding: number }
  | { step: 'metadata'; remaining: number; parts: Uint8Array[]; typeFlag: string; padding: number }
  | { step: 'padding'; remaining: number };

const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * A push parser for tar streams that hands each entry's bytes to a sink as views of the input,
 * with no copies and no per-entry stream: headers are read in place unless a chunk boundary
 * splits one. Understands ustar prefixes, PAX `path`/`linkpath`/`size`/`uid`/`gid`, GNU long
 * names and base-256 numbers; skips PAX global headers and zero blocks.
 */
export class TarParser {
  private state: State = { step: 'header' };
  private readonly headerBlock = Buffer.alloc(blockSize);
  private headerFill = 0;
  private pending: PendingNames = {};

  constructor(private readonly onEntry: (header: TarHeader) => TarEntrySink | undefined) {}

  push(input: Uint8Array): void {
    const chunk = asBuffer(input);
    let offset = 0;
    while (offset < chunk.length) {
      const state = this.state;
      const available = chunk.length - offset;
      if (state.step === 'header') {
        if (this.headerFill === 0 && available >= blockSize) {
          this.readHeader(chunk, offset);
          offset += blockSize;
        } else {
          const taken = Math.min(blockSize - this.headerFill, available);
          chunk.copy(this.headerBlock, this.headerFill, offset, offset + taken);
          this.headerFill += taken;
          offset += taken;
          if (this.headerFill === blockSize) {
            this.headerFill = 0;
            this.readHeader(this.headerBlock, 0);
          }
        }
      } else if (state.step === 'data') {
        const taken = Math.min(state.remaining, available);
        state.remaining -= taken;
        state.sink?.data(chunk.subarray(offset, offset + taken), state.remaining === 0);
        offset += taken;
        if (state.remaining === 0) {
          state.sink?.end();
          this.state = { step: 'padding', remaining: state.padding };
        }
      } else if (state.step === 'metadata') {
        const taken = Math.min(state.remaining, available);
        state.parts.push(chunk.subarray(offset, offset + taken));
        state.remaining -= taken;
        offset += taken;
        if (state.remaining === 0) {
          this.readMetadata(state.typeFlag, Buffer.concat(state.parts));
          this.state = { step: 'padding', remaining: state.padding };
        }
      } else {
        const taken = Math.min(state.remaining, available);
        state.remaining -= taken;
        offset += taken;
      }
      if (this.state.step === 'padding' && this.state.remaining === 0) {
        this.state = { step: 'header' };
      }
    }
  }

  /** The input has ended: throws when it stopped inside an entry or a header. */
  end(): void {
    const state = this.state;
    if (this.headerFill > 0 || state.step === 'data' || state.step === 'metadata') {
      throw new TarFormatError('Unexpected end of data');
    }
  }

  private readHeader(block: Buffer, at: number): void {
    if (isZeroBlock(block, at)) return;
    if (!checksumMatches(block, at)) throw new TarFormatError('Invalid tar header');
    let typeFlag = block[at + 156] === 0 ? '0' : String.fromCharCode(block[at + 156] as number);
    const headerSize = readNumber(block, at + 124, 12);
    if (typeFlag === 'x' || typeFlag === 'L' || typeFlag === 'K') {
      if (headerSize > maxMetadataBytes) throw new TarFormatError('Oversized tar metadata');
      this.state = {
        step: 'metadata',
        remaining: headerSize,
        parts: [],
        typeFlag,
        padding: paddingAfter(headerSize),
      };
      if (headerSize === 0) this.state = { step: 'header' };
      return;
    }
    const pending = this.pending;
    this.pending = {};
    const size = pending.size ?? headerSize;
    if (typeFlag === 'g') {
      this.skip(size);
      return;
    }
    let name = pending.path ?? readString(block, at, 100);
    if (pending.path === undefined && isPosixUstar(block, at)) {
      const prefix = readString(block, at + 345, 155);
      if (prefix !== '') name = `${prefix}/${name}`;
    }
    // Old writers mark a directory only by its trailing slash.
    if (typeFlag === '0' && name.endsWith('/')) typeFlag = '5';
    const sink = this.onEntry({
      name,
      typeFlag,
      size,
      mode: readNumber(block, at + 100, 8),
      uid: pending.uid ?? readNumber(block, at + 108, 8),
      gid: pending.gid ?? readNumber(block, at + 116, 8),
      linkName: pending.linkPath ?? readString(block, at + 157, 100),
    });
    if (size === 0) {
      sink?.end();
      this.state = { step: 'header' };
    } else {
      this.state = { step: 'data', remaining: size, sink, padding: paddingAfter(size) };
    }
  }

  private skip(size: number): void {
    this.state =
      size === 0
        ? { step: 'header' }
        : { step: 'data', remaining: size, sink: undefined, padding: paddingAfter(size) };
  }

  private readMetadata(typeFlag: string, bytes: Buffer): void {
    if (typeFlag === 'L') this.pending.path = trimNuls(bytes.toString('utf8'));
    else if (typeFlag === 'K') this.pending.linkPath = trimNuls(bytes.toString('utf8'));
    else Object.assign(this.pending, paxRecords(bytes));
  }
}

const paddingAfter = (size: number) => (blockSize - (size % blockSize)) % blockSize;

function isZeroBlock(block: Buffer, at: number): boolean {
  for (let index = at; index < at + blockSize; index++) if (block[index] !== 0) return false;
  return true;
}

function checksumMatches(block: Buffer, at: number): boolean {
  let sum = 8 * 0x20;
  for (let index = at; index < at + 148; index++) sum += block[index] as number;
  for (let index = at + 156; index < at + blockSize; index++) sum += block[index] as number;
  return sum === readNumber(block, at + 148, 8);
}

function isPosixUstar(block: Buffer, at: number): boolean {
  // "ustar\0": the GNU magic ("ustar  \0") keeps other fields where the prefix would be.
  return (
    block[at + 257] === 0x75 &&
    block[at + 258] === 0x73 &&
    block[at + 259] === 0x74 &&
    block[at + 260] === 0x61 &&
    block[at + 261] === 0x72 &&
    block[at + 262] === 0
  );
}

function readString(block: Buffer, at: number, length: number): string {
  let end = at;
  const limit = at + length;
  while (end < limit && block[end] !== 0) end++;
  return block.toString('utf8', at, end);
}

/** An octal field, or a base-256 one (high bit set) as GNU tar writes large values. */
function readNumber(block: Buffer, at: number, length: number): number {
  const first = block[at] as number;
  if (first & 0x80) {
    let value = first & 0x7f;
    for (let index = at + 1; index < at + length; index++)
      value = value * 256 + (block[index] as number);
    return value;
  }
  let index = at;
  const limit = at + length;
  while (index < limit && (block[index] === 0x20 || block[index] === 0)) index++;
  let value = 0;
  for (; index < limit; index++) {
    const digit = (block[index] as number) - 0x30;
    if (digit < 0 || digit > 7) break;
    value = value * 8 + digit;
  }
  return value;
}

const trimNuls = (text: string) => text.replace(/\0+$/, '');

/** PAX extended header records: `<length> <key>=<value>\n`. */
function paxRecords(bytes: Buffer): PendingNames {
  const names: PendingNames = {};
  let offset = 0;
  while (offset < bytes.length) {
    const space = bytes.indexOf(0x20, offset);
    const length = Number(bytes.toString('latin1', offset, space));
    if (space < 0 || !Number.isInteger(length) || length <= 0) break;
    const record = bytes.toString('utf8', space + 1, offset + length - 1);
    offset += length;
    const equals = record.indexOf('=');
    const key = record.slice(0, equals);
    const value = record.slice(equals + 1);
    if (key === 'path') names.path = value;
    else if (key === 'linkpath') names.linkPath = value;
    else if (key === 'size' || key === 'uid' || key === 'gid') {
      const number = Number(value);
      if (Number.isSafeInteger(number) && number >= 0) names[key] = number;
    }
  }
  return names;
}
