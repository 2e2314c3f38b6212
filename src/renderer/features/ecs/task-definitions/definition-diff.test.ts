import { describe, expect, it } from 'vitest';
import { diffDefinitions, shownValue } from './definition-diff';

const web = {
  family: 'web',
  cpu: '256',
  containerDefinitions: [
    {
      name: 'web',
      image: 'nginx:1',
      environment: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
      portMappings: [{ containerPort: 80, hostPort: 0 }],
    },
    { name: 'sidecar', image: 'busybox' },
  ],
};

describe('diffDefinitions', () => {
  it('finds no change when only the order of keys and named members differs', () => {
    const reordered = {
      containerDefinitions: [
        { image: 'busybox', name: 'sidecar' },
        {
          portMappings: [{ hostPort: 0, containerPort: 80 }],
          environment: [
            { value: '2', name: 'B' },
            { value: '1', name: 'A' },
          ],
          image: 'nginx:1',
          name: 'web',
        },
      ],
      cpu: '256',
      family: 'web',
    };
    expect(diffDefinitions(web, reordered)).toEqual([]);
  });

  it('names each change by its path, with the value on each side', () => {
    const next = structuredClone(web) as typeof web & { memory?: string };
    next.cpu = '512';
    next.memory = '1024';
    const [container] = next.containerDefinitions;
    container!.image = 'nginx:2';
    container!.environment = [
      { name: 'A', value: '1' },
      { name: 'C', value: '3' },
    ];
    next.containerDefinitions = [container!];
    expect(diffDefinitions(web, next)).toEqual([
      {
        kind: 'removed',
        path: 'containerDefinitions[web].environment[B]',
        before: { name: 'B', value: '2' },
      },
      {
        kind: 'added',
        path: 'containerDefinitions[web].environment[C]',
        after: { name: 'C', value: '3' },
      },
      {
        kind: 'changed',
        path: 'containerDefinitions[web].image',
        before: 'nginx:1',
        after: 'nginx:2',
      },
      {
        kind: 'removed',
        path: 'containerDefinitions[sidecar]',
        before: { name: 'sidecar', image: 'busybox' },
      },
      { kind: 'changed', path: 'cpu', before: '256', after: '512' },
      { kind: 'added', path: 'memory', after: '1024' },
    ]);
  });

  it('compares unnamed lists by position, and tells a type change', () => {
    expect(
      diffDefinitions(
        { command: ['sh', '-c', 'x'], essential: true, 'odd-key': 1 },
        { command: ['sh', '-c'], essential: 'true', 'odd-key': 2 },
      ),
    ).toEqual([
      { kind: 'removed', path: 'command[2]', before: 'x' },
      { kind: 'changed', path: 'essential', before: true, after: 'true' },
      { kind: 'changed', path: '["odd-key"]', before: 1, after: 2 },
    ]);
  });

  it('shows values as one line of JSON', () => {
    expect(shownValue({ name: 'A' })).toBe('{"name":"A"}');
    expect(shownValue(undefined)).toBe('');
  });
});
