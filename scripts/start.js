#!/usr/bin/env node
// `npm start`: build if needed, then open the desktop app. Electron downloads its binary on
// first launch; where that is impossible, say so plainly and point to browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = `${root}node_modules/electron`;

function electronBinary() {
  const pathFile = `${electronDir}/path.txt`;
  if (!existsSync(pathFile)) return undefined;
  const binary = `${electronDir}/dist/${readFileSync(pathFile, 'utf8').trim()}`;
  return existsSync(binary) ? binary : undefined;
}

if (!existsSync(`${root}out/main/index.js`)) {
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

let binary = electronBinary();
if (!binary) {
  console.log('Fetching the Electron binary (first start only)…');
  const install = spawnSync(process.execPath, [`${electronDir}/install.js`], {
    cwd: root,
    encoding: 'utf8',
  });
  binary = electronBinary();
  if (!binary) {
    const reason = `${install.stderr ?? ''}`.split('\n').find((line) => line.trim()) ?? 'unknown';
    console.error(
      [
        '',
        'Stowage cannot open its desktop window: the Electron binary is not installed and could',
        `not be downloaded (${reason.trim()}).`,
        '',
        'Use browser mode instead, which runs the same app in your browser:',
        '',
        '    npm run web',
        '',
      ].join('\n'),
    );
    process.exit(1);
  }
}

const app = spawn(binary, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
app.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
