export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** One line of the viewer: a value at a path, shown at a depth. */
export interface JsonLine {
  /** JSON Pointer of the value ('' is the root). */
  path: string;
  depth: number;
  /** The property name or array index that leads here; none for the root. */
  key: string | undefined;
  kind: JsonKind;
  /** The value as text for leaves; a summary (`{3}`, `[12]`) for objects and arrays. */
  text: string;
  expandable: boolean;
}

const pointerPart = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function kindOf(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object';
}

function entriesOf(value: unknown): [string, unknown][] {
  if (Array.isArray(value)) return value.map((item, index) => [String(index), item]);
  if (kindOf(value) === 'object') return Object.entries(value as Record<string, unknown>);
  return [];
}

function textOf(value: unknown, kind: JsonKind): string {
  if (kind === 'array') return `[${(value as unknown[]).length}]`;
  if (kind === 'object') return `{${Object.keys(value as object).length}}`;
  return kind === 'string' ? JSON.stringify(value) : String(value);
}

/** The lines to show: every value whose parents are all expanded, in document order. */
export function flattenJson(root: unknown, expanded: ReadonlySet<string>): JsonLine[] {
  const lines: JsonLine[] = [];
  const visit = (value: unknown, path: string, depth: number, key: string | undefined) => {
    const kind = kindOf(value);
    const children = entriesOf(value);
    lines.push({
      path,
      depth,
      key,
      kind,
      text: textOf(value, kind),
      expandable: children.length > 0,
    });
    if (children.length === 0 || !expanded.has(path)) return;
    for (const [childKey, child] of children) {
      visit(child, `${path}/${pointerPart(childKey)}`, depth + 1, childKey);
    }
  };
  visit(root, '', 0, undefined);
  return lines;
}

/** Every path that holds an object or array, to expand all. */
export function containerPaths(root: unknown): Set<string> {
  const paths = new Set<string>();
  const visit = (value: unknown, path: string) => {
    const children = entriesOf(value);
    if (children.length === 0) return;
    paths.add(path);
    for (const [key, child] of children) visit(child, `${path}/${pointerPart(key)}`);
  };
  visit(root, '');
  return paths;
}

/**
 * Paths whose key or leaf value contains `query` (case-insensitive), and the paths to expand
 * so that all of them are visible.
 */
export function searchJson(
  root: unknown,
  query: string,
): { matches: string[]; reveal: Set<string> } {
  const needle = query.trim().toLowerCase();
  const matches: string[] = [];
  const reveal = new Set<string>();
  if (needle === '') return { matches, reveal };
  const visit = (value: unknown, path: string, key: string | undefined, parents: string[]) => {
    const kind = kindOf(value);
    const leafText = kind === 'object' || kind === 'array' ? '' : textOf(value, kind);
    if ((key ?? '').toLowerCase().includes(needle) || leafText.toLowerCase().includes(needle)) {
      matches.push(path);
      for (const parent of parents) reveal.add(parent);
    }
    for (const [childKey, child] of entriesOf(value)) {
      visit(child, `${path}/${pointerPart(childKey)}`, childKey, [...parents, path]);
    }
  };
  visit(root, '', undefined, []);
  return { matches, reveal };
}
