import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import importPlugin from 'eslint-plugin-import';

/**
 * The direction of dependencies, enforced on resolved paths and generated from the folders
 * under `root`, so a new feature folder is covered without editing anything here:
 *
 *   renderer: app -> features -> api, common -> shared; a feature never imports another
 *             feature (at any depth) or the app; the app imports a feature only through its
 *             index; api knows no feature, no common and no app.
 *   layers:   shared imports no other layer; main and preload never import the renderer;
 *             the renderer never imports main or preload.
 *   pure:     every map.ts, ecs/control-plane and the layer tree logic import no dockerode,
 *             electron, ws or Node I/O.
 *   cycles:   none, anywhere in src.
 */
export function boundaryConfigs(root) {
  const features = subfolders(join(root, 'src/renderer/features'));
  const renderer = './src/renderer';
  const zone = (target, from, message, except) => ({
    target,
    from,
    message,
    ...(except ? { except } : {}),
  });

  const zones = [
    zone(
      './src/shared',
      ['./src/main', './src/renderer', './src/preload'],
      'src/shared is the contract: it imports no other layer.',
    ),
    zone(
      './src/main',
      [renderer, './src/preload'],
      'Main never imports the renderer or the preload.',
    ),
    zone(
      './src/preload',
      ['./src/main', renderer],
      'The preload only bridges: electron and the shared contract.',
    ),
    zone(
      renderer,
      ['./src/main', './src/preload'],
      'The renderer knows nothing of main or the preload: go through the api client.',
    ),
    zone(
      `${renderer}/api`,
      [`${renderer}/features`, `${renderer}/app`, `${renderer}/common`],
      'api knows no feature, no app and no UI kit.',
    ),
    zone(
      `${renderer}/common`,
      [`${renderer}/features`, `${renderer}/app`],
      'The UI kit knows no feature and no app.',
    ),
    zone(`${renderer}/features`, `${renderer}/app`, 'A feature never imports the app.'),
    zone(
      `${renderer}/app`,
      `${renderer}/features`,
      'The app imports a feature only through its index.ts.',
      features.map((name) => `./${name}/index.ts`),
    ),
    ...features.map((name) =>
      zone(
        `${renderer}/features/${name}`,
        `${renderer}/features`,
        `Features never import each other: move what ${name} needs to common/ or api/.`,
        [`./${name}`],
      ),
    ),
  ];

  const nodeBuiltins = [
    'node:*',
    'fs',
    'fs/*',
    'path',
    'os',
    'child_process',
    'net',
    'http',
    'https',
    'crypto',
    'worker_threads',
    'dgram',
  ];
  const nodeIo = [
    'node:fs',
    'node:fs/*',
    'fs',
    'fs/*',
    'node:net',
    'net',
    'node:http',
    'http',
    'node:https',
    'https',
    'node:child_process',
    'child_process',
    'node:dgram',
    'node:worker_threads',
  ];
  const packages = (files, group, message) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] },
  });

  return [
    {
      files: ['src/**/*.{ts,tsx}'],
      plugins: { import: importPlugin },
      settings: {
        // no-cycle reads the imported files too: tell it how to parse and find TypeScript.
        'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
        'import/extensions': ['.ts', '.tsx', '.js'],
        'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.json'] } },
      },
      rules: {
        'import/no-restricted-paths': ['error', { basePath: root, zones }],
        'import/no-cycle': ['error', { ignoreExternal: true }],
      },
    },
    packages(
      ['src/shared/**/*.ts'],
      [...nodeBuiltins, 'electron', 'dockerode', 'ws', 'react', 'react-dom'],
      'src/shared is the contract: no Node, Electron, DOM or UI.',
    ),
    packages(
      ['src/renderer/**/*.{ts,tsx}'],
      [...nodeBuiltins, 'electron', 'dockerode', 'ws'],
      'The renderer knows nothing of Node or Electron: go through the api client.',
    ),
    packages(
      ['src/preload/**/*.ts'],
      [...nodeBuiltins, 'dockerode', 'ws'],
      'The preload only bridges: electron and the shared contract, nothing else.',
    ),
    packages(
      [
        'src/main/**/map.ts',
        'src/main/ecs/control-plane/**/*.ts',
        'src/main/layers/tree/**/*.ts',
        'src/main/lib/clock.ts',
      ],
      ['dockerode', 'electron', 'ws', ...nodeIo],
      'Pure logic: no engine, no Electron, no I/O. Take what it needs as arguments.',
    ),
  ];
}

function subfolders(path) {
  if (!existsSync(path)) return [];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}
