export type ChangeKind = 'added' | 'removed' | 'changed';

export interface ValueChange {
  kind: ChangeKind;
  /** Where, from the top: `containerDefinitions[web].environment[GREETING].value`, `cpu`. */
  path: string;
  /** The value on the left (removed, changed). */
  before?: unknown;
  /** The value on the right (added, changed). */
  after?: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A list whose members are all objects named by a distinct `name` (container definitions,
 * environment variables, volumes, secrets…) is a set: matched by name, its order is no change.
 */
function namesOf(list: readonly Json[]): string[] | undefined {
  const names = list.map((item) =>
    isObject(item) && typeof item.name === 'string' ? item.name : undefined,
  );
  if (names.some((name) => name === undefined)) return undefined;
  const known = names as string[];
  return new Set(known).size === known.length ? known : undefined;
}

const identifier = /^[A-Za-z_$][\w$]*$/;

function child(path: string, key: string): string {
  if (!identifier.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

function compare(
  before: Json | undefined,
  after: Json | undefined,
  path: string,
  out: ValueChange[],
) {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    out.push({ kind: 'added', path, after });
    return;
  }
  if (after === undefined) {
    out.push({ kind: 'removed', path, before });
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) compare(before[key], after[key], child(path, key), out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const leftNames = namesOf(before);
    const rightNames = namesOf(after);
    if (leftNames && rightNames) {
      const byName = (list: Json[], names: string[]) =>
        new Map(names.map((name, index) => [name, list[index]]));
      const left = byName(before, leftNames);
      const right = byName(after, rightNames);
      const names = [...leftNames, ...rightNames.filter((name) => !left.has(name))];
      for (const name of names) compare(left.get(name), right.get(name), `${path}[${name}]`, out);
      return;
    }
    const length = Math.max(before.length, after.length);
    for (let index = 0; index < length; index++) {
      compare(before[index], after[index], `${path}[${index}]`, out);
    }
    return;
  }
  if (before !== after) out.push({ kind: 'changed', path, before, after });
}

/**
 * What differs between two task definitions as data: keys in any order are the same object,
 * named members of a list are matched by name, and each difference is a path with the value
 * on each side.
 */
export function diffDefinitions(before: unknown, after: unknown): ValueChange[] {
  const out: ValueChange[] = [];
  compare(before as Json, after as Json, '', out);
  return out;
}

/** A value as one line of JSON, for showing beside its path. */
export function shownValue(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value);
}
