import { describe, expect, it } from 'vitest';
import {
  containerNamedIn,
  emptyContainer,
  emptyTaskDefinition,
  fargateNetworkProblem,
  fieldLabel,
  missingFields,
  refusedField,
  toRegisterRequest,
  withFargate,
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

  it('splits the entry point and command into words as a shell would', () => {
    const fields = {
      ...emptyTaskDefinition(),
      containers: [
        {
          ...emptyContainer(),
          entryPoint: 'sh -c',
          command: `'echo "hello world"; sleep 5'`,
        },
      ],
    };
    const { request, problems } = toRegisterRequest(fields);
    expect(problems).toEqual({});
    expect(request.containerDefinitions?.[0]).toMatchObject({
      entryPoint: ['sh', '-c'],
      command: ['echo "hello world"; sleep 5'],
    });
    const open = toRegisterRequest({
      ...fields,
      containers: [{ ...emptyContainer(), command: 'echo "open' }],
    });
    expect(open.problems).toEqual({ 'containers.0.command': 'A quote is not closed.' });
    expect(open.request.containerDefinitions?.[0]).not.toHaveProperty('command');
  });

  it('names the fields that are not whole numbers, and sends the rest for ECS to judge', () => {
    const fields = {
      ...emptyTaskDefinition(),
      fargate: true,
      networkMode: 'awsvpc' as const,
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

describe('Fargate and the network mode', () => {
  it('switches to awsvpc when Fargate is ticked, and says what it replaced', () => {
    const ticked = withFargate(emptyTaskDefinition(), true);
    expect(ticked.fields).toMatchObject({ fargate: true, networkMode: 'awsvpc' });
    expect(ticked.switchedFrom).toBe('bridge');
    expect(withFargate(ticked.fields, true).switchedFrom).toBeUndefined();
    const cleared = withFargate(ticked.fields, false);
    expect(cleared.fields).toMatchObject({ fargate: false, networkMode: 'awsvpc' });
    expect(cleared.switchedFrom).toBeUndefined();
  });

  it('refuses another mode with Fargate at the network mode field', () => {
    const fields = { ...emptyTaskDefinition(), fargate: true, networkMode: 'host' as const };
    expect(toRegisterRequest(fields).problems).toEqual({ networkMode: fargateNetworkProblem });
  });
});

describe('missingFields', () => {
  it('asks for the names ECS cannot do without, and the task size on Fargate', () => {
    const fields = {
      ...emptyTaskDefinition(),
      fargate: true,
      containers: [emptyContainer(), { ...emptyContainer(), name: 'b', image: 'nginx' }],
    };
    expect(missingFields(fields)).toEqual({
      family: 'Name the family.',
      cpu: 'Fargate needs the task’s CPU.',
      memory: 'Fargate needs the task’s memory.',
      'containers.0.name': 'Name the container.',
      'containers.0.image': 'Name an image.',
    });
  });
});

describe('fieldLabel', () => {
  it('names a field path as the form shows it', () => {
    expect(fieldLabel('family')).toBe('Family');
    expect(fieldLabel('cpu')).toBe('Task CPU');
    expect(fieldLabel('containers.0.memory')).toBe('Container 1, memory');
    expect(fieldLabel('containers.1.command')).toBe('Container 2, command');
    expect(fieldLabel('containers.0.portMappings.1.hostPort')).toBe(
      'Container 1, port mapping 2, host port',
    );
  });
});

describe('refusedField', () => {
  const fields = {
    ...emptyTaskDefinition(),
    containers: [
      { ...emptyContainer(), name: 'a' },
      { ...emptyContainer(), name: 'web' },
    ],
  };

  it('finds the field an ECS refusal is about', () => {
    expect(
      refusedField("Invalid 'memory' setting for container 'web'. Minimum is 6 MiB.", fields),
    ).toBe('containers.1.memory');
    expect(refusedField("Fargate requires that 'cpu' be defined at the task level.", fields)).toBe(
      'cpu',
    );
    expect(refusedField('No Fargate configuration exists for given values.', fields)).toBe('cpu');
    expect(refusedField("Fargate only supports network mode 'awsvpc'.", fields)).toBe(
      'networkMode',
    );
    expect(refusedField('Family contains invalid characters.', fields)).toBe('family');
  });

  it('leaves a refusal it cannot place to the alert', () => {
    expect(refusedField('Too many containers.', fields)).toBeUndefined();
  });
});
