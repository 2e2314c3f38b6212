import { describe, expect, it } from 'vitest';
import type { Feature } from '../common/feature';
import { features } from './features';

// Only the paths: which feature folders exist, whatever they hold.
const featureFiles = Object.keys(import.meta.glob('../features/*/**/*.{ts,tsx}'));
const featureIndexes = import.meta.glob<Record<string, unknown>>('../features/*/index.ts', {
  eager: true,
});

const isFeature = (value: unknown): value is Feature =>
  typeof value === 'object' && value !== null && 'route' in value && 'Page' in value;

/** The feature folders that do not offer exactly one feature, or whose feature the app lacks. */
function unregisteredFolders(
  files: readonly string[],
  indexes: Record<string, Record<string, unknown>>,
  registered: readonly Feature[],
): string[] {
  const folders = new Set(files.map((path) => path.split('/')[2] ?? ''));
  return [...folders].filter((folder) => {
    const offered = Object.values(indexes[`../features/${folder}/index.ts`] ?? {}).filter(
      isFeature,
    );
    return offered.length !== 1 || !registered.includes(offered[0] as Feature);
  });
}

describe('app/features.ts', () => {
  it('registers the feature of every folder under features/', () => {
    expect(featureFiles.length).toBeGreaterThan(features.length);
    expect(unregisteredFolders(featureFiles, featureIndexes, features)).toEqual([]);
  });

  it('gives every feature its own route', () => {
    const routes = features.map((feature) => feature.route);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('names a folder that has no index, exports no feature, or is left out', () => {
    const [first, second] = features as [Feature, Feature];
    const files = [
      '../features/a/index.ts',
      '../features/b/Page.tsx',
      '../features/c/index.ts',
      '../features/d/index.ts',
    ];
    const indexes = {
      '../features/a/index.ts': { aFeature: first },
      '../features/c/index.ts': { helper: 1 },
      '../features/d/index.ts': { dFeature: second },
    };
    expect(unregisteredFolders(files, indexes, [first])).toEqual(['b', 'c', 'd']);
  });
});
