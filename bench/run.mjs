// `npm run bench`: runs every bench/*.bench.mjs in turn (or those named on the command line),
// each printing its figures as ratios against a baseline measured in the same run.

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const flags = process.argv.slice(2).filter((arg) => arg.startsWith('-'));
const benches = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.mjs'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
  .sort();

let failed = 0;
for (const bench of benches) {
  console.log(`\n== ${bench.replace('.bench.mjs', '')} ==`);
  const run = spawnSync(
    process.execPath,
    [fileURLToPath(new URL(bench, import.meta.url)), ...flags],
    {
      stdio: 'inherit',
    },
  );
  if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
