import type { LogLine } from '../../../shared';

type StreamName = LogLine['stream'];

/** Longer lines are cut: one runaway line must not make an item bigger than a frame allows. */
export const maxLineLength = 16 * 1024;

const headerBytes = 8;

/**
 * Reads the engine's multiplexed log format (containers without a TTY): frames of an 8-byte
 * header (the stream: 1 stdout, 2 stderr; three zero bytes; a big-endian payload length) — then the payload. Frames may arrive split across chunks.
 */
export class FrameDemuxer {
  private pending = new Uint8Array(0);

  constructor(private readonly onPayload: (stream: StreamName, payload: Uint8Array) => void) {}

  push(chunk: Uint8Array): void {
    let data = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    while (data.length >= headerBytes) {
      const length =
        ((data[4] ?? 0) << 24) | ((data[5] ?? 0) << 16) | ((data[6] ?? 0) << 8) | (data[7] ?? 0);
      const size = length >>> 0;
      if (data.length < headerBytes + size) break;
      const stream: StreamName = data[0] === 2 ? 'stderr' : 'stdout';
      this.onPayload(stream, data.subarray(headerBytes, headerBytes + size));
      data = data.subarray(headerBytes + size);
    }
    this.pending = data.slice();
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

const timestampPattern = /^(\d{4}-\d{2}-\d{2}T\S+Z) (.*)$/s;

/**
 * Splits each stream's text into lines, keeping a partial last line until its end arrives
 * (or `flush`). With `timestamps`, the engine's RFC 3339 prefix becomes the line's timestamp.
 */
export class LineSplitter {
  private readonly partial: Record<StreamName, string> = { stdout: '', stderr: '' };
  private readonly decoders: Record<StreamName, InstanceType<typeof TextDecoder>> = {
    stdout: new TextDecoder(),
    stderr: new TextDecoder(),
  };

  constructor(private readonly timestamps: boolean) {}

  push(stream: StreamName, payload: Uint8Array, into: LogLine[]): void {
    const text = this.partial[stream] + this.decoders[stream].decode(payload, { stream: true });
    const parts = text.split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const part of parts) into.push(this.line(stream, part));
    if (this.partial[stream].length > maxLineLength) {
      into.push(this.line(stream, this.partial[stream]));
      this.partial[stream] = '';
    }
  }

  flush(into: LogLine[]): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.partial[stream] + this.decoders[stream].decode();
      if (rest !== '') into.push(this.line(stream, rest));
      this.partial[stream] = '';
    }
  }

  private line(stream: StreamName, raw: string): LogLine {
    let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    let timestamp: string | undefined;
    if (this.timestamps) {
      const match = timestampPattern.exec(text);
      if (match) {
        timestamp = match[1];
        text = match[2] ?? '';
      }
    }
    if (text.length > maxLineLength) text = `${text.slice(0, maxLineLength)} …[cut]`;
    return timestamp === undefined ? { stream, text } : { stream, text, timestamp };
  }
}
