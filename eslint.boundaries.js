import { existsSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

/**
 * The direction of dependencies, enforced on resolved paths and generated from the folders
 * under `root`, so a new feature folder is covered without editing anything here:
 *
 *   renderer: app -> features -> api, common -> shared; a feature imports another feature
 *             only through its index (a component it offers for embedding), never the app;
 *             the app imports a feature only through its index; api knows no feature, no
 *             common and no app.
 *   layers:   shared imports no other layer; main and preload never import the renderer;
 *             the renderer never imports main or preload.
 *   main:     each area of main imports only the areas below it (`mainAreas`): docker never
 *             imports ecs, layers or the app's edges; what two areas share lives in lib/ or
 *             docker/connection/. A new area may import only lib/ until it is listed.
 *   pure:     every *map.ts, ecs/control-plane and the layer tree logic (with the few modules
 *             they lean on, see `pureModules`) import no engine, Electron, socket or Node
 *             module that reaches outside the process (types excepted), nothing of main but
 *             other pure modules, whatever the path; and they read no time, randomness or
 *             global timer: the clock and the random source are injected.
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
        `A feature imports another only through its index.ts: export what ${name} needs there, or move it to common/ or api/.`,
        [`./${name}`, ...features.map((other) => `./${other}/index.ts`)],
      ),
    ),
  ];

  zones.push(...mainAreaZones(subfolders(join(root, 'src/main'))));

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
        'import/no-restricted-paths': [
          'error',
          { basePath: root, zones: [...zones, pureZone(root)] },
        ],
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
    ...pureConfigs(),
  ];
}

/**
 * What each area of src/main may import besides itself and src/shared, lowest first. The
 * composition roots (composition.ts, cli.ts, index.ts, commands/) wire everything together.
 */
const mainAreas = {
  lib: [],
  store: ['lib'],
  rpc: ['lib'],
  docker: ['lib', 'rpc'],
  layers: ['lib', 'rpc', 'docker/connection'],
  ecs: ['lib', 'rpc', 'store', 'docker'],
  tour: ['lib', 'rpc', 'store', 'docker'],
  transports: ['lib', 'rpc'],
  web: ['lib', 'rpc', 'transports', 'composition.ts'],
  window: ['lib'],
};

/** Tests may also build the whole app through the composition root. */
const testRoots = ['composition.ts'];

function mainAreaZones(areas) {
  return areas
    .filter((area) => area !== 'commands')
    .flatMap((area) => {
      const allowed = mainAreas[area] ?? ['lib'];
      const message =
        area === 'docker'
          ? 'docker/* never imports ecs, layers or the edges: share through lib/ or docker/connection/.'
          : `main/${area} imports only ${allowed.join(', ') || 'nothing of main'} (see mainAreas).`;
      const except = (extra) =>
        [...new Set([area, ...allowed, ...extra])].map((path) => `./${path}`);
      const target = (files) => `./src/main/${area}/**/${files}`;
      return [
        { target: target('!(*.test).ts'), from: './src/main', except: except([]), message },
        { target: target('*.test.ts'), from: './src/main', except: except(testRoots), message },
      ];
    });
}

/**
 * The pure modules, every entry a glob (the import rule needs them so). The simulated runtime is
 * here because the control plane's tests drive it; the clock because pure code takes it.
 */
const pureModules = [
  'src/main/**/*map.ts',
  'src/main/ecs/control-plane/**/*.ts',
  'src/main/layers/tree/**/*.ts',
  'src/main/ecs/runtime/@(simulated|simulated-health).ts',
  'src/main/ecs/agent/@(credentials|task-book|imds).ts',
  'src/main/lib/@(clock).ts',
];

/** Node modules that compute without reaching outside the process; every other one is I/O. */
const pureBuiltins = new Set([
  'assert',
  'assert/strict',
  'buffer',
  'crypto',
  'path',
  'path/posix',
  'path/win32',
  'querystring',
  'string_decoder',
  'url',
  'util',
  'util/types',
]);

const pureMessage = 'Pure logic: no I/O, time, randomness or timers. Take them as arguments.';

/** By any path, relative ones included: a module of main is I/O unless it is listed as pure. */
function pureZone(root) {
  const absolute = pureModules.map((glob) => join(root, glob));
  return {
    target: absolute,
    from: join(root, 'src/main/**'),
    except: absolute,
    message: pureMessage,
  };
}

function pureConfigs() {
  const ioBuiltins = builtinModules
    .filter((name) => !name.startsWith('_') && !pureBuiltins.has(name))
    .flatMap((name) => [name, `node:${name}`]);
  const randomness = ['randomBytes', 'randomFill', 'randomFillSync', 'randomInt', 'randomUUID'];
  const property = (object, name) => ({ object, property: name, message: pureMessage });
  return [
    {
      files: pureModules,
      plugins: { '@typescript-eslint': tseslint.plugin },
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            // Built-in names as exact paths: a pattern would also match a sibling module of
            // the same name (./events).
            paths: [
              ...['crypto', 'node:crypto'].map((name) => ({
                name,
                importNames: [...randomness, 'getRandomValues', 'webcrypto'],
                message: pureMessage,
              })),
              ...ioBuiltins.map((name) => ({ name, message: pureMessage, allowTypeImports: true })),
            ],
            patterns: [
              {
                group: [
                  'dockerode',
                  'dockerode/*',
                  'electron',
                  'electron/*',
                  'ws',
                  'tar-stream',
                  'fzstd',
                ],
                message: pureMessage,
                allowTypeImports: true,
              },
            ],
          },
        ],
      },
    },
    {
      // The clock is where time is read, and tests may wait on what they drive.
      files: pureModules,
      ignores: ['src/main/lib/clock.ts', '**/*.test.ts'],
      rules: {
        'no-restricted-properties': [
          'error',
          property('Date', 'now'),
          property('Math', 'random'),
          property('globalThis', 'performance'),
          property('process', 'hrtime'),
          property('crypto', 'randomUUID'),
          property('crypto', 'getRandomValues'),
          ...['setTimeout', 'setInterval', 'setImmediate'].flatMap((timer) => [
            property('globalThis', timer),
            property('global', timer),
          ]),
        ],
        'no-restricted-globals': [
          'error',
          ...['setTimeout', 'setInterval', 'setImmediate', 'performance'].map((name) => ({
            name,
            message: pureMessage,
          })),
        ],
        'no-restricted-syntax': [
          'error',
          {
            selector: "NewExpression[callee.name='Date'][arguments.length=0]",
            message: `new Date() reads the time. ${pureMessage}`,
          },
          {
            selector: "CallExpression[callee.name='Date']",
            message: `Date() reads the time. ${pureMessage}`,
          },
        ],
      },
    },
  ];
}

function subfolders(path) {
  if (!existsSync(path)) return [];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}
