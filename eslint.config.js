import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeModules = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto'];

const shared = {
  group: ['**/main/**', '**/renderer/**', '**/preload/**', 'electron', 'dockerode', ...nodeModules],
  message: 'src/shared is the contract: no Node, Electron or DOM, and no other layer.',
};
const rendererLayer = {
  group: ['**/main/**', '**/preload/**', 'electron', 'dockerode', 'ws', ...nodeModules],
  message: 'The renderer knows nothing of Node or Electron: go through the api client.',
};
const featureIndex = {
  group: ['**/features/*/*', '!**/features/*/index'],
  message: 'Import a feature through its index, not its internals.',
};
const otherFeature = {
  // `../other/file` but not `../../api`, `../other` or `../other/index`.
  regex: '^\\.\\./(?!\\.\\.?/)[^/]+/(?!index$)',
  message: 'Features do not reach into each other: import the other feature through its index.',
};

/** One `no-restricted-imports` rule per part of the tree: the direction of dependencies. */
const restrict = (files, ...patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The React Compiler is not used, so its memoisation warnings do not apply.
    rules: { ...reactHooks.configs.recommended.rules, 'react-hooks/incompatible-library': 'off' },
  },
  restrict(['src/shared/**/*.ts'], shared),
  restrict(['src/renderer/**/*.{ts,tsx}'], rendererLayer, featureIndex),
  restrict(['src/renderer/features/*/*.{ts,tsx}'], rendererLayer, featureIndex, otherFeature),
  restrict(['src/main/**/*.ts'], {
    group: ['**/renderer/**', '**/preload/**'],
    message: 'Main never imports the renderer or the preload.',
  }),
  restrict(['src/preload/**/*.ts'], {
    group: ['**/main/**', '**/renderer/**', ...nodeModules],
    message: 'The preload only bridges: electron and the shared contract, nothing else.',
  }),
);
