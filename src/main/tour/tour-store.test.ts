import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordCreated, startStep, emptyTourState } from './state';
import { loadTourState, saveTourState, tourStatePath } from './tour-store';

describe('the tour’s saved progress', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stowage-tour-store-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('starts empty without a file, and reads back what was saved', async () => {
    const path = tourStatePath(dir);
    expect(await loadTourState(path, 1)).toEqual({ state: emptyTourState() });
    const state = recordCreated(startStep(emptyTourState(), 'kernel'), 'kernel', {
      kind: 'container',
      id: 'c1',
      name: 'stowage-tour-kernel-1',
    });
    await saveTourState(path, state);
    expect((await loadTourState(path, 2)).state).toEqual(state);
    expect((await readdir(dir)).sort()).toEqual(['tour.json']);
  });

  it('moves a damaged file aside, keeps its bytes, and says where', async () => {
    const path = tourStatePath(dir);
    await writeFile(path, '{"version":1,"steps":{"kernel":');
    const loaded = await loadTourState(path, 99);
    expect(loaded.state).toEqual(emptyTourState());
    expect(loaded.notice).toContain(`${path}.corrupt-99`);
    expect(loaded.notice).toContain('is not valid JSON');
    expect(await readFile(`${path}.corrupt-99`, 'utf8')).toBe('{"version":1,"steps":{"kernel":');
  });

  it('moves aside a file of another shape', async () => {
    const path = tourStatePath(dir);
    await writeFile(path, JSON.stringify({ version: 2, steps: {} }));
    const loaded = await loadTourState(path, 5);
    expect(loaded.notice).toContain('not in the shape');
    expect(await readdir(dir)).toEqual(['tour.json.corrupt-5']);
  });
});
