const decimalUnits = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;

/**
 * A size the way `docker images` prints it: powers of 1000 and three significant digits,
 * so that the numbers people see here match the ones they see in their terminal.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unitIndex = 0;
  while (unitIndex < decimalUnits.length - 1 && Number(value.toPrecision(3)) >= 1000) {
    value /= 1000;
    unitIndex += 1;
  }
  const rounded = unitIndex === 0 ? Math.round(value) : Number(value.toPrecision(3));
  return `${rounded} ${decimalUnits[unitIndex]}`;
}

const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/**
 * Memory in binary units (MiB, GiB), the family memory is sized and limited in everywhere
 * (docker stats, `--memory 2g`, ECS's MiB), so that one machine's 2 GiB never reads 2.15 GB.
 */
export function formatMemory(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unitIndex = 0;
  while (unitIndex < binaryUnits.length - 1 && Number(value.toPrecision(3)) >= 1024) {
    value /= 1024;
    unitIndex += 1;
  }
  const rounded = unitIndex === 0 ? Math.round(value) : Number(value.toPrecision(3));
  return `${rounded} ${binaryUnits[unitIndex]}`;
}
