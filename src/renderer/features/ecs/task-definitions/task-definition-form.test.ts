import { describe, expect, it } from 'vitest';
import {
  containerNamedIn,
  emptyContainer,
  emptyTaskDefinition,
  toRegisterRequest,
} from './task-definition-form';

describe('toRegisterRequest', () => {
  it('builds the RegisterTaskDefinition request, leaving empty fields out', () => {
    const fields = {
      ...emptyTaskDefinition(),
      family: ' web ',
      containers: [
        {
          ...emptyContainer(),
          name: 'app',
          image: 'nginx:alpine',
          memory: '256',
          portMappings: [{ containerPort: '80', hostPort: '', protocol: 'tcp' as const }],
          environment: [
            { name: 'MODE', value: 'demo' },
            { name: '', value: '' },
          ],
        },
      ],
    };
    const { request, problems } = toRegisterRequest(fields);
    expect(problems).toEqual({});
    expect(request).toEqual({
      family: 'web',
      networkMode: 'bridge',
      requiresCompatibilities: ['EC2'],
      containerDefinitions: [
        {
          name: 'app',
          image: 'nginx:alpine',
          essential: true,
          memory: 256,
          portMappings: [{ containerPort: 80, protocol: 'tcp' }],
          environment: [{ name: 'MODE', value: 'demo' }],
        },
      ],
    });
  });

  it('names the fields that are not whole numbers, and sends the rest for ECS to judge', () => {
    const fields = {
      ...emptyTaskDefinition(),
      fargate: true,
      cpu: '1 vCPU',
      containers: [{ ...emptyContainer(), memory: 'lots', cpu: '-1' }],
    };
    const { request, problems } = toRegisterRequest(fields);
    expect(problems).toEqual({
      'containers.0.memory': 'A whole number up to 1,000,000.',
      'containers.0.cpu': 'A whole number up to 1,000,000.',
    });
    expect(request.cpu).toBe('1 vCPU');
    expect(request.requiresCompatibilities).toEqual(['EC2', 'FARGATE']);
    expect(request.containerDefinitions?.[0]?.image).toBe('');
  });
});

describe('containerNamedIn', () => {
  it('finds the container an ECS message names', () => {
    const containers = [
      { ...emptyContainer(), name: 'a' },
      { ...emptyContainer(), name: 'b' },
    ];
    const message =
      "Invalid setting for container 'b'. At least one of 'memory' or 'memoryReservation' must be specified.";
    expect(containerNamedIn(message, containers)).toBe(1);
    expect(containerNamedIn('Container.image should not be null or empty.', containers)).toBe(-1);
  });
});
