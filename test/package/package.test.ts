import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';

// `npm run package` (scripts/package.js): refuses plainly without the Electron binary, and
// flips the fuses of what it packages. The Electron binary cannot be downloaded everywhere, so
// the packaging is run on a stand-in binary that holds Electron's fuse wire; a real package is
// checked too where one was built.

const root = fileURLToPath(new URL('../..', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'stowage-package-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges on. */
const defaultWire = '10110001';

const expectedFuses = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
};

async function expectFlipped(executable: string) {
  const wire = await getCurrentFuseWire(executable);
  for (const [fuse, enabled] of Object.entries(expectedFuses)) {
    // FuseState: 49 is enabled, 48 disabled.
    expect(wire[Number(fuse) as FuseV1Options], FuseV1Options[Number(fuse)]).toBe(
      enabled ? 49 : 48,
    );
  }
}

const runPackage = (env: Record<string, string>) =>
  spawnSync(process.execPath, [join(root, 'scripts/package.js')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });

describe('npm run package', () => {
  it('refuses with a clear message where the Electron binary is absent', () => {
    const result = runPackage({ STOWAGE_ELECTRON_DIST: join(temp, 'no-electron') });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the Electron binary is not installed');
    expect(result.stderr).toContain('no package can be built');
  });

  const built = existsSync(join(root, 'out/main/index.js'));
  if (!built)
    console.log('package test: skipped packaging, the app is not built (electron-vite build)');
  it.skipIf(!built || process.platform !== 'linux')(
    'packages the built app in an asar and flips the fuses of the binary',
    async () => {
      const electronDist = join(temp, 'electron-dist');
      mkdirSync(join(electronDist, 'resources'), { recursive: true });
      writeFileSync(
        join(electronDist, 'electron'),
        Buffer.concat([
          Buffer.alloc(4096, 7),
          Buffer.from(`${sentinel}\x01\x08${defaultWire}`),
          Buffer.alloc(64),
        ]),
      );
      writeFileSync(join(electronDist, 'resources', 'default_app.asar'), 'default app');
      const output = join(temp, 'output');
      const result = runPackage({
        STOWAGE_ELECTRON_DIST: electronDist,
        STOWAGE_PACKAGE_DIR: output,
      });
      expect(result.status, result.stderr).toBe(0);

      const packaged = join(output, `stowage-linux-${process.arch}`);
      await expectFlipped(join(packaged, 'stowage'));
      expect(existsSync(join(packaged, 'resources', 'default_app.asar'))).toBe(false);
      const files = listPackage(join(packaged, 'resources', 'app.asar'), { isPack: false });
      expect(files).toContain('/out/main/index.js');
      expect(files).toContain('/package.json');
      expect(files).toContain('/node_modules/dockerode/package.json');
    },
    120_000,
  );

  const real = join(root, 'dist', `stowage-${process.platform}-${process.arch}`, 'stowage');
  if (!existsSync(real)) {
    console.log(
      `package test: no real package to read the fuses of (${real} is absent: the Electron binary cannot be downloaded here)`,
    );
  }
  it.skipIf(!existsSync(real))('flipped the fuses of the real package', async () => {
    await expectFlipped(real);
  });
});
