import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared';
import { appendLines, emptyLogBuffer, highlight, logFileText } from './log-buffer';

const line = (text: string, stream: LogLine['stream'] = 'stdout'): LogLine => ({ stream, text });

describe('the log buffer', () => {
  it('keeps the newest lines up to its limit and counts the dropped ones', () => {
    const buffer = emptyLogBuffer();
    appendLines(buffer, [line('a'), line('b')], 3);
    appendLines(buffer, [line('c'), line('d'), line('e')], 3);
    expect(buffer.lines.map((l) => l.text)).toEqual(['c', 'd', 'e']);
    expect(buffer.dropped).toBe(2);
  });

  it('marks every match of the search, in any case', () => {
    expect(highlight('Error: error here', 'error')).toEqual([
      { text: 'Error', match: true },
      { text: ': ', match: false },
      { text: 'error', match: true },
      { text: ' here', match: false },
    ]);
    expect(highlight('plain', '')).toEqual([{ text: 'plain', match: false }]);
  });

  it('writes stderr lines marked, with their timestamps', () => {
    expect(
      logFileText([
        { stream: 'stdout', text: 'ok', timestamp: 't1' },
        { stream: 'stderr', text: 'bad' },
      ]),
    ).toBe('t1 ok\n[stderr] bad');
  });
});
