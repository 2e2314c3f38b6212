import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const ecs = join(root, 'src', 'main', 'ecs');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every module-level WeakMap or WeakSet under src/main/ecs, as `name file`. */
function moduleLevelCaches(): string[] {
  return sourceFiles(ecs).flatMap((path) => {
    const file = relative(ecs, path).split('\\').join('/');
    return [...readFileSync(path, 'utf8').matchAll(/^const (\w+) = new Weak(?:Map|Set)\b/gm)].map(
      (match) => `${match[1]} ${file}`,
    );
  });
}

/** The caches docs/ARCHITECTURE.md argues for, from its table, as `name file`. */
function documentedCaches(): string[] {
  const doc = readFileSync(join(root, 'docs', 'ARCHITECTURE.md'), 'utf8');
  const start = doc.indexOf('## Caches in the ECS control plane');
  const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
  return [...section.matchAll(/^\| (`[^|]+`)\s*\| `([^`]+)`\s*\|/gm)].flatMap((row) =>
    [...row[1]!.matchAll(/`(\w+)`/g)].map((name) => `${name[1]} ${row[2]}`),
  );
}

describe('the ECS control plane caches', () => {
  it('each module-level WeakMap or WeakSet is named, with why it is safe, in ARCHITECTURE.md', () => {
    const found = moduleLevelCaches();
    expect(found.length).toBeGreaterThanOrEqual(9);
    expect(found.sort()).toEqual(documentedCaches().sort());
  });
});
