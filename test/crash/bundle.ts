import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles a TypeScript entry (and what it imports from src/) into one ES module that plain
 * `node` runs, for child processes: Node 20 runs no TypeScript itself.
 */
export async function bundleForNode(entry: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'stowage-bundle-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    root: repoRoot,
    build: {
      ssr: resolve(repoRoot, entry),
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { format: 'es', entryFileNames: 'entry.mjs' } },
    },
  });
  return join(outDir, 'entry.mjs');
}
