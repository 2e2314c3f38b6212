import type { TestProject } from 'vitest/node';
import { assertDockerAvailable, removeTestResources } from './docker';
import { buildFixtureImages, type FixtureImages } from './fixtures';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The fixture images built for this run: `inject('fixtureImages')`. */
    fixtureImages: FixtureImages;
  }
}

/**
 * Global setup of the integration project: starts from a clean engine, builds the fixture
 * images, and removes every labelled resource afterwards, whether the tests passed or not.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await assertDockerAvailable();
  await removeTestResources();
  try {
    project.provide('fixtureImages', await buildFixtureImages());
  } catch (error) {
    await removeTestResources();
    throw error;
  }
  return async () => {
    await removeTestResources();
  };
}
