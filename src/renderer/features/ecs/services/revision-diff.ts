export interface ValueChange {
  /** Where, as `containerDefinitions[web].image`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** What tells two revisions apart without being a difference a deployment makes. */
const bookkeeping = new Set([
  'taskDefinitionArn',
  'revision',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt',
  'status',
]);

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An array whose items are objects with distinct names (containers, ports by name…). */
function namedItems(items: readonly unknown[]): Map<string, Plain> | undefined {
  const byName = new Map<string, Plain>();
  for (const item of items) {
    if (!isPlain(item) || typeof item.name !== 'string' || byName.has(item.name)) return undefined;
    byName.set(item.name, item);
  }
  return byName;
}

/**
 * The differences between two task definitions as data, field by field: containers are matched
 * by name, so reordering them is no change and a changed image shows as just that.
 */
export function revisionChanges(before: unknown, after: unknown): ValueChange[] {
  const changes: ValueChange[] = [];
  compare(before, after, '', changes, true);
  return changes;
}

function compare(
  before: unknown,
  after: unknown,
  path: string,
  out: ValueChange[],
  top = false,
): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    out.push({ path, kind: 'added', after });
    return;
  }
  if (after === undefined) {
    out.push({ path, kind: 'removed', before });
    return;
  }
  if (isPlain(before) && isPlain(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      if (top && bookkeeping.has(key)) continue;
      compare(before[key], after[key], path === '' ? key : `${path}.${key}`, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const left = namedItems(before);
    const right = namedItems(after);
    if (left && right) {
      const names = [...new Set([...left.keys(), ...right.keys()])];
      for (const name of names) compare(left.get(name), right.get(name), `${path}[${name}]`, out);
      return;
    }
    const length = Math.max(before.length, after.length);
    for (let index = 0; index < length; index++) {
      compare(before[index], after[index], `${path}[${index}]`, out);
    }
    return;
  }
  if (!Object.is(before, after)) out.push({ path, kind: 'changed', before, after });
}

/** A value as one short line for the diff table. */
export function shownValue(value: unknown): string {
  if (value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
