/**
 * True when two values read from JSON are equal. Allocates nothing: comparing two answers of
 * a thousand tasks must not leave the garbage a deep copy would.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) {
      if (!jsonEqual(a[index], b[index])) return false;
    }
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let keys = 0;
  for (const key in left) {
    if (!(key in right) || !jsonEqual(left[key], right[key])) return false;
    keys++;
  }
  for (const key in right) {
    if (!(key in left)) return false;
    keys--;
  }
  return keys === 0;
}

/**
 * Structural sharing for long lists of resources (react-query's `structuralSharing`): an item
 * equal to the previous answer's item with the same key keeps the old object, so memoised
 * rows and cards skip it, and an unchanged list keeps the old array. Unlike the default deep
 * merge it copies nothing, which matters when every change refetches thousands of items.
 */
export function shareListItems<T>(
  keyOf: (item: T) => string | undefined,
): (previous: unknown, next: unknown) => unknown {
  return (previous, next) => {
    if (!Array.isArray(previous) || !Array.isArray(next)) return next;
    const before = previous as readonly T[];
    const byKey = new Map<string, T>();
    for (const item of before) {
      const key = keyOf(item);
      if (key !== undefined) byKey.set(key, item);
    }
    let unchanged = before.length === next.length;
    const shared = (next as readonly T[]).map((item, index) => {
      const key = keyOf(item);
      const old = key === undefined ? undefined : byKey.get(key);
      if (old === undefined || !jsonEqual(old, item)) {
        unchanged = false;
        return item;
      }
      if (before[index] !== old) unchanged = false;
      return old;
    });
    return unchanged ? previous : shared;
  };
}
