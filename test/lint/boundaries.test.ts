import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundaryConfigs } from '../../eslint.boundaries.js';

// A throwaway tree shaped like the project, with one file per broken rule, linted with the
// project's own boundary rules. Each breaking file must be reported with the rule it breaks;
// the clean files must not be reported at all.

const clean = {
  'src/shared/contract.ts': `export const contract = 1;`,
  'src/main/x.ts': `import { contract } from '../shared/contract';\nexport const x = contract;`,
  'src/renderer/api/client.ts': `import { contract } from '../../shared/contract';\nexport const client = contract;`,
  'src/renderer/common/Table.tsx': `import { client } from '../api/client';\nexport const Table = client;`,
  'src/renderer/features/images/index.ts': `export { Thing } from './deep/Thing';`,
  'src/renderer/features/images/deep/Thing.tsx': `import { Table } from '../../../common/Table';\nexport const Thing = Table;`,
  'src/renderer/features/engine/index.ts': `export const EnginePage = 1;`,
  // A feature may embed what another offers in its index.
  'src/renderer/features/engine/EngineThing.tsx': `import { Thing } from '../images';\nexport const t = Thing;`,
  'src/renderer/app/App.tsx': `import { Thing } from '../features/images';\nimport { EnginePage } from '../features/engine';\nexport const App = [Thing, EnginePage];`,
  'src/main/docker/images/handlers.ts': `import Docker from 'dockerode';\nexport const docker = Docker;`,
  'src/main/store/index.ts': `export const openStore = () => 1;`,
  'src/main/lib/clock.ts': `export const systemClock = { now: () => Date.now(), setTimeout };`,
  'src/main/ecs/runtime/docker-map.ts': `import type Docker from 'dockerode';\nexport type Spec = Docker.ContainerCreateOptions;`,
  'src/main/layers/tree/sharing.ts': `import { createHash } from 'node:crypto';\nexport const hash = createHash;`,
  'src/main/ecs/control-plane/control-plane.ts': [
    `import { systemClock } from '../../lib/clock';`,
    `export const later = (run: () => void) => systemClock.setTimeout(run, 10);`,
    `export const now = () => systemClock.now();`,
  ].join('\n'),
  'src/main/docker/connection/engine.ts': `export const engine = 1;`,
  'src/main/ecs/handlers.ts': `import { docker } from '../docker/images/handlers';\nexport const ecs = docker;`,
  'src/main/layers/handlers.ts': `import { engine } from '../docker/connection/engine';\nexport const layers = engine;`,
  'src/main/composition.ts': `import { ecs } from './ecs/handlers';\nimport { layers } from './layers/handlers';\nexport const services = [ecs, layers];`,
  'src/main/docker/images/images.int.test.ts': `import { services } from '../../composition';\nexport const s = services;`,
};

const pure = 'src/main/ecs/control-plane';

const broken: Record<string, { code: string; rule: string }> = {
  'src/shared/bad-node.ts': {
    code: `import { readFileSync } from 'node:fs';\nexport const r = readFileSync;`,
    rule: 'no-restricted-imports',
  },
  'src/shared/bad-layer.ts': {
    code: `import { x } from '../main/x';\nexport const y = x;`,
    rule: 'import/no-restricted-paths',
  },
  'src/main/bad-renderer.ts': {
    code: `import { client } from '../renderer/api/client';\nexport const c = client;`,
    rule: 'import/no-restricted-paths',
  },
  'src/preload/index.ts': {
    code: `import { x } from '../main/x';\nexport const p = x;`,
    rule: 'import/no-restricted-paths',
  },
  'src/main/docker/images/map.ts': {
    code: `import Docker from 'dockerode';\nexport const d = Docker;`,
    rule: '@typescript-eslint/no-restricted-imports',
  },
  'src/main/docker/engine/map.ts': {
    code: `import { readFile } from 'node:fs/promises';\nexport const r = readFile;`,
    rule: '@typescript-eslint/no-restricted-imports',
  },
  'src/main/ecs/control-plane/placement.ts': {
    code: `import { app } from 'electron';\nexport const a = app;`,
    rule: '@typescript-eslint/no-restricted-imports',
  },
  [`${pure}/bad-store.ts`]: {
    code: `import { openStore } from '../../store';\nexport const s = openStore;`,
    rule: 'import/no-restricted-paths',
  },
  'src/main/docker/engine/bad-map.ts': {
    code: `import { docker } from '../images/handlers';\nexport const d = docker;`,
    rule: 'import/no-restricted-paths',
  },
  [`${pure}/bad-os.ts`]: {
    code: `import { hostname } from 'node:os';\nexport const h = hostname;`,
    rule: '@typescript-eslint/no-restricted-imports',
  },
  'src/main/layers/tree/bad-timers.ts': {
    code: `import { setTimeout as sleep } from 'node:timers/promises';\nexport const s = sleep;`,
    rule: '@typescript-eslint/no-restricted-imports',
  },
  'src/main/docker/images/build-map.ts': {
    code: `import { readFileSync } from 'fs';\nexport const r = readFileSync;`,
    rule: '@typescript-eslint/no-restricted-imports',
  },
  [`${pure}/bad-uuid.ts`]: {
    code: `import { randomUUID } from 'node:crypto';\nexport const id = randomUUID;`,
    rule: '@typescript-eslint/no-restricted-imports',
  },
  [`${pure}/bad-date-now.ts`]: {
    code: `export const now = () => Date.now();`,
    rule: 'no-restricted-properties',
  },
  'src/main/layers/tree/bad-random.ts': {
    code: `export const pick = () => Math.random();`,
    rule: 'no-restricted-properties',
  },
  [`${pure}/bad-performance.ts`]: {
    code: `export const now = () => performance.now();`,
    rule: 'no-restricted-globals',
  },
  [`${pure}/bad-timer.ts`]: {
    code: `export const later = (run: () => void) => setTimeout(run, 10);`,
    rule: 'no-restricted-globals',
  },
  'src/main/docker/volumes/map.ts': {
    code: `export const now = () => new Date().toISOString();`,
    rule: 'no-restricted-syntax',
  },
  'src/main/docker/images/bad-ecs.ts': {
    code: `import { ecs } from '../../ecs/handlers';\nexport const e = ecs;`,
    rule: 'import/no-restricted-paths',
  },
  'src/main/docker/images/bad-ecs.test.ts': {
    code: `import { ecs } from '../../ecs/handlers';\nexport const e = ecs;`,
    rule: 'import/no-restricted-paths',
  },
  'src/main/docker/images/bad-root.ts': {
    code: `import { services } from '../../composition';\nexport const s = services;`,
    rule: 'import/no-restricted-paths',
  },
  'src/main/layers/bad-docker-area.ts': {
    code: `import { docker } from '../docker/images/handlers';\nexport const d = docker;`,
    rule: 'import/no-restricted-paths',
  },
  'src/main/rpc/bad-docker.ts': {
    code: `import { engine } from '../docker/connection/engine';\nexport const e = engine;`,
    rule: 'import/no-restricted-paths',
  },
  'src/main/unlisted-area/bad-rpc.ts': {
    code: `import { engine } from '../docker/connection/engine';\nexport const e = engine;`,
    rule: 'import/no-restricted-paths',
  },
  'src/main/cycle-a.ts': {
    code: `import { b } from './cycle-b';\nexport const a = () => b;`,
    rule: 'import/no-cycle',
  },
  'src/main/cycle-b.ts': {
    code: `import { a } from './cycle-a';\nexport const b = () => a;`,
    rule: 'import/no-cycle',
  },
  'src/renderer/api/bad-feature.ts': {
    code: `import { Thing } from '../features/images';\nexport const t = Thing;`,
    rule: 'import/no-restricted-paths',
  },
  'src/renderer/common/bad-app.ts': {
    code: `import { App } from '../app/App';\nexport const a = App;`,
    rule: 'import/no-restricted-paths',
  },
  'src/renderer/features/engine/deep/Deeper.tsx': {
    code: `import { Thing } from '../../images/deep/Thing';\nexport const t = Thing;`,
    rule: 'import/no-restricted-paths',
  },
  'src/renderer/features/engine/bad-app.ts': {
    code: `import { App } from '../../app/App';\nexport const a = App;`,
    rule: 'import/no-restricted-paths',
  },
  'src/renderer/app/bad-internals.ts': {
    code: `import { Thing } from '../features/images/deep/Thing';\nexport const t = Thing;`,
    rule: 'import/no-restricted-paths',
  },
  'src/renderer/bad-node.ts': {
    code: `import { readFileSync } from 'node:fs';\nexport const r = readFileSync;`,
    rule: 'no-restricted-imports',
  },
  'src/renderer/bad-electron.ts': {
    code: `import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;`,
    rule: 'no-restricted-imports',
  },
  'src/renderer/bad-main.ts': {
    code: `import { x } from '../main/x';\nexport const m = x;`,
    rule: 'import/no-restricted-paths',
  },
  'src/renderer/common/cycle-a.ts': {
    code: `import { b } from './cycle-b';\nexport const a = () => b;`,
    rule: 'import/no-cycle',
  },
  'src/renderer/common/cycle-b.ts': {
    code: `import { a } from './cycle-a';\nexport const b = () => a;`,
    rule: 'import/no-cycle',
  },
};

describe('dependency boundaries', () => {
  let root: string;
  let reported: Map<string, string[]>;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'stowage-lint-'));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write(
      'tsconfig.node.json',
      JSON.stringify({
        compilerOptions: { moduleResolution: 'Bundler', jsx: 'react-jsx' },
        include: ['src'],
      }),
    );
    for (const [path, code] of Object.entries(clean)) write(path, code);
    for (const [path, { code }] of Object.entries(broken)) write(path, code);

    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } },
        ...boundaryConfigs(root),
      ],
    });
    const results = await eslint.lintFiles(['src/**/*.{ts,tsx}']);
    reported = new Map(
      results.map((result) => [
        result.filePath.slice(root.length + 1),
        result.messages.map((message) => message.ruleId ?? `fatal: ${message.message}`),
      ]),
    );
  }, 60_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each(Object.entries(broken))('reports %s', (path, { rule }) => {
    expect(reported.get(path)).toContain(rule);
  });

  it.each(Object.keys(clean))('lets %s through', (path) => {
    expect(reported.get(path)).toEqual([]);
  });
});
