/**
 * A duration for people, two units at most: "45 s", "3 min 20 s", "2 h 5 min", "3 d 4 h".
 * For uptimes, build times and retry delays.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const first = units.findIndex(([size]) => seconds >= size);
  const [bigSize, bigName] = units[first] as [number, string];
  const [smallSize, smallName] = units[first + 1] as [number, string];
  const big = Math.floor(seconds / bigSize);
  const small = Math.floor((seconds % bigSize) / smallSize);
  return small === 0 ? `${big} ${bigName}` : `${big} ${bigName} ${small} ${smallName}`;
}
