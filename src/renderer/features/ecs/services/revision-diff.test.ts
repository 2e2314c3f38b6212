import { describe, expect, it } from 'vitest';
import { revisionChanges, shownValue } from './revision-diff';

const web = (image: string, extra: Record<string, unknown> = {}) => ({
  family: 'web',
  revision: 1,
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:1',
  networkMode: 'bridge',
  containerDefinitions: [
    { name: 'web', image, memory: 64, portMappings: [{ containerPort: 80 }] },
    { name: 'log', image: 'fluent-bit', memory: 32 },
  ],
  ...extra,
});

describe('revisionChanges', () => {
  it('finds nothing between two revisions that differ only in bookkeeping', () => {
    const next = { ...web('nginx:1'), revision: 2, taskDefinitionArn: 'x:2', registeredAt: 5 };
    expect(revisionChanges(web('nginx:1'), next)).toEqual([]);
  });

  it('names a changed image by its container, whatever the order of containers', () => {
    const before = web('nginx:1');
    const after = web('nginx:2');
    after.containerDefinitions.reverse();
    expect(revisionChanges(before, after)).toEqual([
      {
        path: 'containerDefinitions[web].image',
        kind: 'changed',
        before: 'nginx:1',
        after: 'nginx:2',
      },
    ]);
  });

  it('tells added, removed and changed fields apart, nested ones included', () => {
    const before = web('nginx:1', { cpu: '256' });
    const after = web('nginx:1', { memory: '512' });
    after.containerDefinitions[0] = {
      name: 'web',
      image: 'nginx:1',
      memory: 64,
      portMappings: [{ containerPort: 8080 }],
    };
    expect(revisionChanges(before, after)).toEqual([
      {
        path: 'containerDefinitions[web].portMappings[0].containerPort',
        kind: 'changed',
        before: 80,
        after: 8080,
      },
      { path: 'cpu', kind: 'removed', before: '256' },
      { path: 'memory', kind: 'added', after: '512' },
    ]);
  });

  it('shows a value on one short line', () => {
    expect(shownValue(undefined)).toBe('—');
    expect(shownValue('nginx')).toBe('nginx');
    expect(shownValue({ a: 1 })).toBe('{"a":1}');
    expect(shownValue('x'.repeat(200))).toHaveLength(118);
  });
});
