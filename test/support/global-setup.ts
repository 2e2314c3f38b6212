import type { TestProject } from 'vitest/node';
import { assertDockerAvailable, removeTestResources } from './docker';
import {
  buildFixtureImages,
  fixtureKeeper,
  shareFixturesAcrossSuites,
  type FixtureImages,
} from './fixtures';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The fixture images built for this run: `inject('fixtureImages')`. */
    fixtureImages: FixtureImages;
  }
}

/**
 * Global setup of the integration project: starts from a clean engine (keeping fixture images
 * an earlier suite of this run built), builds what is missing, and removes every labelled
 * resource afterwards, whether the tests passed or not — except the fixture images when the
 * end-to-end suite comes next in the same `npm test`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await assertDockerAvailable();
  await removeTestResources(fixtureKeeper);
  try {
    project.provide('fixtureImages', await buildFixtureImages());
  } catch (error) {
    await removeTestResources();
    throw error;
  }
  return async () => {
    await removeTestResources(shareFixturesAcrossSuites ? fixtureKeeper : undefined);
  };
}
