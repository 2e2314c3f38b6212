import { afterAll } from 'vitest';
import { fixtureKeeper } from './fixtures';

// Every integration file leaves the shared fixture images with their own names only: a tag a
// test gave one (a push, a switch, a fuzzed images.tag) must not reach the files after it.
afterAll(async () => {
  await fixtureKeeper.dropForeignTags();
});
