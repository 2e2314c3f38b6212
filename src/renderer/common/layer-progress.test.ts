import { describe, expect, it } from 'vitest';
import { layerParts } from './layer-progress';

describe('pull progress per layer', () => {
  it('keeps each layer at its latest state and ignores lines about the whole pull', () => {
    const parts = layerParts([
      { id: '1.0', status: 'Pulling from team/app' },
      { id: 'aaaaaaaaaaaa', status: 'Pulling fs layer' },
      { id: 'bbbbbbbbbbbb', status: 'Already exists' },
      { id: 'aaaaaaaaaaaa', status: 'Downloading', current: 50, total: 200 },
      { id: 'aaaaaaaaaaaa', status: 'Extracting', current: 20, total: 200 },
      { id: '', status: 'Digest: sha256:1' },
    ]);
    expect(parts).toEqual([
      { id: 'aaaaaaaaaaaa', label: 'aaaaaaaaaaaa', current: 20, total: 200, state: 'running' },
      { id: 'bbbbbbbbbbbb', label: 'bbbbbbbbbbbb', current: 0, total: undefined, state: 'done' },
    ]);
  });

  it('marks a layer done when it completes, with its whole size', () => {
    const [part] = layerParts([
      { id: 'aaaaaaaaaaaa', status: 'Downloading', current: 50, total: 200 },
      { id: 'aaaaaaaaaaaa', status: 'Pull complete' },
    ]);
    expect(part).toMatchObject({ state: 'done', current: 200, total: 200 });
  });

  it('reads a push the same way: preparing, pushing, then pushed or already there', () => {
    const parts = layerParts([
      { id: '', status: 'The push refers to repository [localhost:5000/app]' },
      { id: 'aaaaaaaaaaaa', status: 'Preparing' },
      { id: 'bbbbbbbbbbbb', status: 'Preparing' },
      { id: 'aaaaaaaaaaaa', status: 'Pushing', current: 10, total: 100 },
      { id: 'bbbbbbbbbbbb', status: 'Mounted from team/base' },
    ]);
    expect(parts.map((part) => [part.id, part.state])).toEqual([
      ['aaaaaaaaaaaa', 'running'],
      ['bbbbbbbbbbbb', 'done'],
    ]);
    expect(layerParts([{ id: 'aaaaaaaaaaaa', status: 'Preparing' }])[0]?.state).toBe('waiting');
  });

  it('folds push lines the same way', () => {
    const parts = layerParts([
      { id: '1.0', status: 'The push refers to repository [localhost:5000/app]' },
      { id: 'aaaaaaaaaaaa', status: 'Pushing', current: 5, total: 10 },
      { id: 'aaaaaaaaaaaa', status: 'Pushed' },
      { id: 'bbbbbbbbbbbb', status: 'Layer already exists' },
    ]);
    expect(parts.map((part) => [part.id, part.state, part.current])).toEqual([
      ['aaaaaaaaaaaa', 'done', 10],
      ['bbbbbbbbbbbb', 'done', 0],
    ]);
  });
});
