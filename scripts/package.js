#!/usr/bin/env node
// `npm run package`: the desktop app for this platform in dist/stowage-<platform>-<arch>/:
// Electron's own files, the built app (out/ and its production dependencies) in
// resources/app.asar, and the fuses flipped so that the packaged binary cannot be turned into
// a plain Node (RunAsNode, NODE_OPTIONS, --inspect off), loads its code only from that asar,
// checks the asar's integrity where Electron can, and encrypts its cookies.
//
// Usage: node scripts/package.js  (after `electron-vite build`; `npm run package` does both).
// STOWAGE_ELECTRON_DIST names another Electron dist folder (the one of the electron package
// by default), STOWAGE_PACKAGE_DIR another folder to write to (dist/ by default).
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPackage } from '@electron/asar';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The fuses of a packaged Stowage, every one of Electron's v1 fuses decided. */
const stowageFuses = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

function fail(message) {
  console.error(`npm run package: ${message}`);
  process.exit(1);
}

const electronDist = process.env.STOWAGE_ELECTRON_DIST ?? join(root, 'node_modules/electron/dist');
const executableName =
  { darwin: 'Electron.app', win32: 'electron.exe' }[process.platform] ?? 'electron';
if (!existsSync(join(electronDist, executableName))) {
  fail(
    `the Electron binary is not installed (${join(electronDist, executableName)} is missing). ` +
      'It is downloaded by `node node_modules/electron/install.js` (or on the first `npm start`); ' +
      'where it cannot be downloaded, no package can be built.',
  );
}
if (process.platform !== 'linux') {
  // macOS and Windows need the asar's header hash embedded in the app (Info.plist, a resource
  // of the executable) once its integrity fuse is on; this script does not write them yet.
  fail(`packaging is implemented for Linux only, not ${process.platform}.`);
}
if (!existsSync(join(root, 'out/main/index.js'))) {
  fail('the app is not built: run `npx electron-vite build` first (`npm run package` does).');
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outputDir = process.env.STOWAGE_PACKAGE_DIR ?? join(root, 'dist');
const target = join(outputDir, `stowage-${process.platform}-${process.arch}`);
const staging = join(outputDir, '.app-staging');
rmSync(target, { recursive: true, force: true });
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });

// The app: what electron-vite built, and the production dependencies it imports at run time.
cpSync(join(root, 'out'), join(staging, 'out'), { recursive: true });
const { name, version, description, license, type, main, dependencies } = manifest;
writeFileSync(
  join(staging, 'package.json'),
  JSON.stringify({ name, version, description, license, type, main, dependencies }, null, 2),
);
const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
  cwd: root,
  encoding: 'utf8',
});
if (listed.status !== 0) fail(`npm ls failed: ${listed.stderr}`);
for (const path of listed.stdout.split('\n').filter(Boolean)) {
  const inside = relative(root, path);
  if (!inside.startsWith('node_modules')) continue;
  cpSync(path, join(staging, inside), { recursive: true, dereference: true });
}

cpSync(electronDist, target, { recursive: true });
rmSync(join(target, 'resources', 'default_app.asar'), { force: true });
await createPackage(staging, join(target, 'resources', 'app.asar'));
rmSync(staging, { recursive: true, force: true });
const executable = join(target, 'stowage');
renameSync(join(target, executableName), executable);
await flipFuses(executable, stowageFuses);
console.log(`Packaged ${relative(root, target)} (fuses flipped in ${relative(root, executable)}).`);
