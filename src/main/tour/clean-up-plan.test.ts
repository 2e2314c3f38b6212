import { describe, expect, it } from 'vitest';
import { cleanUpPlan, tourLabels } from './clean-up-plan';

const container = (id: string, labels: Record<string, string>) => ({ id, name: `n-${id}`, labels });
const image = (id: string, created: number, tags: string[], labels: Record<string, string>) => ({
  id,
  created,
  tags,
  labels,
});

describe('the tour’s clean-up plan', () => {
  const containers = [
    container('a', tourLabels('kernel')),
    container('b', tourLabels('read-write')),
    container('mine', { 'stowage.tour.step': 'kernel' }),
    container('other', { app: 'web' }),
  ];
  const images = [
    image('base', 1, ['stowage-tour/base:1'], tourLabels('base')),
    image('layers', 5, ['stowage-tour/layers:1', 'copy:1'], tourLabels('layers')),
    image('dangling', 3, [], tourLabels('layers')),
    image('user', 9, ['app:1'], { 'stowage.tour': '0', 'stowage.tour.step': 'layers' }),
  ];

  it('removes one step’s containers, and only those carrying the tour’s label', () => {
    const plan = cleanUpPlan({ step: 'kernel' }, containers, images);
    expect(plan).toEqual([
      {
        kind: 'remove-container',
        resource: { kind: 'container', id: 'a', name: 'n-a' },
      },
    ]);
  });

  it('removes images newest first, by each name, and untagged ones by id', () => {
    const plan = cleanUpPlan({ step: 'layers' }, containers, images);
    expect(plan.map((action) => (action.kind === 'remove-image' ? action.reference : ''))).toEqual([
      'stowage-tour/layers:1',
      'copy:1',
      'dangling',
    ]);
  });

  it('the whole tour: every container before any image, the shared base last', () => {
    const plan = cleanUpPlan('whole-tour', containers, images);
    expect(plan.map((action) => action.resource.id)).toEqual([
      'a',
      'b',
      'layers',
      'layers',
      'dangling',
      'base',
    ]);
  });
});
