/** Longest line kept while waiting for its end; a longer one is dropped. */
const maxLine = 1024 * 1024;

/**
 * The engine streams one JSON object per line (events, pull and build progress), but a chunk
 * may hold several lines or half of one. Returns a function to feed chunks into; each
 * complete line that parses goes to `onValue`, blank and broken lines are skipped.
 */
export function parseJsonLines<T>(onValue: (value: T) => void): (chunk: string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    if (pending.length > maxLine) pending = '';
    for (const line of lines) {
      if (!line.trim()) continue;
      let value: T;
      try {
        value = JSON.parse(line) as T;
      } catch {
        continue;
      }
      onValue(value);
    }
  };
}
