import type { LogLine } from '../../../shared';

/**
 * The lines a log view keeps: at most `limit`, the oldest dropped first. `dropped` counts what
 * went, so each line keeps a stable number (its key in the virtual list) as the window moves.
 */
export interface LogBuffer {
  lines: LogLine[];
  dropped: number;
}

export const emptyLogBuffer = (): LogBuffer => ({ lines: [], dropped: 0 });

/** Appends in place (the buffer is the view's own), trimming to the limit. */
export function appendLines(buffer: LogBuffer, arrived: readonly LogLine[], limit: number): void {
  for (const line of arrived) buffer.lines.push(line);
  const excess = buffer.lines.length - limit;
  if (excess > 0) {
    buffer.lines.splice(0, excess);
    buffer.dropped += excess;
  }
}

/** Pieces of a line for highlighting: the matches of `search` (any case) marked. */
export function highlight(text: string, search: string): { text: string; match: boolean }[] {
  const needle = search.toLowerCase();
  if (!needle) return [{ text, match: false }];
  const pieces: { text: string; match: boolean }[] = [];
  const lower = text.toLowerCase();
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
    if (at > from) pieces.push({ text: text.slice(from, at), match: false });
    pieces.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) pieces.push({ text: text.slice(from), match: false });
  return pieces;
}

/** The log as a file: one line each, with the stream and timestamp when known. */
export function logFileText(lines: readonly LogLine[]): string {
  return lines
    .map((line) =>
      [line.timestamp, line.stream === 'stderr' ? '[stderr]' : undefined, line.text]
        .filter((part) => part !== undefined)
        .join(' '),
    )
    .join('\n');
}
