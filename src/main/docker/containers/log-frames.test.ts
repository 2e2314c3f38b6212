import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared';
import { FrameDemuxer, LineSplitter, maxLineLength } from './log-frames';
import { takeBatch } from './streams';

function frame(stream: 1 | 2, text: string): Uint8Array {
  const payload = new TextEncoder().encode(text);
  const bytes = new Uint8Array(8 + payload.length);
  bytes[0] = stream;
  new DataView(bytes.buffer).setUint32(4, payload.length);
  bytes.set(payload, 8);
  return bytes;
}

function demux(chunks: Uint8Array[], timestamps = false): LogLine[] {
  const lines: LogLine[] = [];
  const splitter = new LineSplitter(timestamps);
  const demuxer = new FrameDemuxer((stream, payload) => splitter.push(stream, payload, lines));
  for (const chunk of chunks) demuxer.push(chunk);
  splitter.flush(lines);
  return lines;
}

describe('the engine’s multiplexed log frames', () => {
  it('tells stdout from stderr', () => {
    expect(demux([frame(1, 'out\n'), frame(2, 'err\n')])).toEqual([
      { stream: 'stdout', text: 'out' },
      { stream: 'stderr', text: 'err' },
    ]);
  });

  it('reads frames split anywhere, even inside the header or a character', () => {
    const bytes = new Uint8Array([
      ...frame(1, 'héllo\nwor'),
      ...frame(1, 'ld\n'),
      ...frame(2, 'x\n'),
    ]);
    for (const cut of [1, 5, 8, 10, 11, 17]) {
      expect(demux([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([
        { stream: 'stdout', text: 'héllo' },
        { stream: 'stdout', text: 'world' },
        { stream: 'stderr', text: 'x' },
      ]);
    }
  });

  it('keeps a partial line per stream until its end, and flushes the rest', () => {
    expect(demux([frame(1, 'a'), frame(2, 'b\n'), frame(1, 'c')])).toEqual([
      { stream: 'stderr', text: 'b' },
      { stream: 'stdout', text: 'ac' },
    ]);
  });

  it('takes the timestamp off the front when asked for', () => {
    expect(demux([frame(1, '2026-12-01T19:59:29.831658443Z hello world\r\n')], true)).toEqual([
      { stream: 'stdout', text: 'hello world', timestamp: '2026-12-01T19:59:29.831658443Z' },
    ]);
  });

  it('cuts a runaway line', () => {
    const [line] = demux([frame(1, 'x'.repeat(maxLineLength * 2))]);
    expect(line?.text.length).toBeLessThan(maxLineLength + 20);
  });
});

describe('log batches', () => {
  it('takes many lines per item but stays under the character budget', () => {
    const lines: LogLine[] = Array.from({ length: 5000 }, (_, index) => ({
      stream: 'stdout',
      text: `line ${index}`,
    }));
    expect(takeBatch(lines)).toHaveLength(2000);
    expect(lines).toHaveLength(3000);
    const long: LogLine[] = Array.from({ length: 100 }, () => ({
      stream: 'stdout',
      text: 'y'.repeat(10_000),
    }));
    const batch = takeBatch(long);
    expect(batch.length).toBeGreaterThan(1);
    expect(batch.reduce((sum, line) => sum + line.text.length, 0)).toBeLessThanOrEqual(256 * 1024);
  });
});
