#!/usr/bin/env node
import { existsSync } from 'node:fs';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error(
    'stowage: the app is not built yet. Run `npm run build` (npm install does it too).',
  );
  process.exit(2);
}
await import(cli.href);
