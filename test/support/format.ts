const decimalUnits = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;

/**
 * A byte count the way the docker CLI prints image sizes (go-units, precision 3: 1000-based
 * units, up to three significant digits) with a space before the unit, as the renderer shows
 * it: 4_270_000 -> "4.27 MB", 142_000_000 -> "142 MB", 999 -> "999 B". Where docker would
 * print "1e+03kB" (999_500 bytes) the renderer moves up a unit ("1 MB"), and so does this.
 */
export function formatDockerSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (unit < decimalUnits.length - 1 && Number(value.toPrecision(3)) >= 1000) {
    value /= 1000;
    unit += 1;
  }
  const rounded = unit === 0 ? Math.round(value) : Number(value.toPrecision(3));
  return `${rounded} ${decimalUnits[unit]}`;
}
