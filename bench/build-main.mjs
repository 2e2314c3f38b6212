// The benches import the app's TypeScript modules, which live outside the app bundle: this
// builds the exports a bench names into one ES module with Vite (SSR, so Node's built-ins and
// the dependencies stay imports), under node_modules/.cache.
// Not a bench itself (run.mjs runs only *.bench.mjs).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds `entries` (a path from the repository's root → the names it exports that the bench
 * needs) into one module. Resolves with its file URL and `remove()`, which deletes the build:
 * a bench that hands the URL to a worker keeps it until the worker has imported it.
 */
export async function buildMain(name, entries) {
  const entryDir = mkdtempSync(join(tmpdir(), `stowage-${name}-entry-`));
  const buildDir = join(repoRoot, 'node_modules', '.cache', `stowage-${name}-bench-${process.pid}`);
  const entry = join(entryDir, 'entry.ts');
  writeFileSync(
    entry,
    Object.entries(entries)
      .map(
        ([path, names]) =>
          `export { ${names.join(', ')} } from ${JSON.stringify(join(repoRoot, path))};`,
      )
      .join('\n'),
  );
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      root: repoRoot,
      build: {
        outDir: buildDir,
        emptyOutDir: true,
        minify: false,
        ssr: true,
        rollupOptions: { input: entry, output: { format: 'es', entryFileNames: `${name}.mjs` } },
      },
    });
    return {
      url: pathToFileURL(join(buildDir, `${name}.mjs`)).href,
      remove: () => rmSync(buildDir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(buildDir, { recursive: true, force: true });
    throw error;
  } finally {
    rmSync(entryDir, { recursive: true, force: true });
  }
}

/** Builds `entries` (as `buildMain` takes them), imports the module and removes the build. */
export async function importMain(name, entries) {
  const built = await buildMain(name, entries);
  try {
    return await import(built.url);
  } finally {
    built.remove();
  }
}
