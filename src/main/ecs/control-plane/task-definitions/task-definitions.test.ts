import type { RegisterTaskDefinitionRequest } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { apiError, createPlane, prefix, start, web } from '../test-support';
import { exportTaskDefinitionInput } from './export';

const register = (input: unknown) =>
  createPlane().plane.registerTaskDefinition(input as RegisterTaskDefinitionRequest);

const container = (fields: Record<string, unknown>) => ({
  family: 'f',
  containerDefinitions: [{ name: 'c', image: 'busybox', memory: 64, ...fields }],
});

describe('task definition validation', () => {
  it.each([
    [
      { family: 'f', containerDefinitions: [{ name: 'c', memory: 64 }] },
      'Container.image should not be null or empty.',
    ],
    [
      { family: 'f', containerDefinitions: [{ image: 'x', memory: 64 }] },
      'Container.name should not be null or empty.',
    ],
    [{ family: 'f', containerDefinitions: [] }, 'Container list cannot be empty.'],
    [
      { family: 'f', containerDefinitions: [{ name: 'web', image: 'x' }] },
      "Invalid setting for container 'web'. At least one of 'memory' or 'memoryReservation' must be specified.",
    ],
    [
      container({ memory: 64, memoryReservation: 64 }),
      "Invalid setting for container 'c'. The 'memory' value must be greater than the 'memoryReservation' value.",
    ],
    [
      container({ essential: false }),
      'A task definition must have at least one essential container.',
    ],
    [
      { ...container({ portMappings: [{ containerPort: 80 }] }), networkMode: 'none' },
      'When networkMode=none, port mappings are not supported.',
    ],
    [
      {
        ...container({ portMappings: [{ containerPort: 80, hostPort: 8080 }] }),
        networkMode: 'awsvpc',
      },
      'When networkMode=awsvpc, the host ports and container ports in port mappings must match.',
    ],
    [
      {
        ...container({ portMappings: [{ containerPort: 80, hostPort: 8080 }] }),
        networkMode: 'host',
      },
      'When networkMode=host, the host ports and container ports in port mappings must match.',
    ],
    [
      { ...container({}), requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512' },
      "Fargate only supports network mode 'awsvpc'.",
    ],
    [
      {
        ...container({}),
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '4096',
      },
      'No Fargate configuration exists for given values.',
    ],
    [
      {
        ...container({}),
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '8192',
        memory: '18432',
      },
      'No Fargate configuration exists for given values.',
    ],
    [
      {
        ...container({}),
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        memory: '512',
      },
      "Fargate requires that 'cpu' be defined at the task level.",
    ],
    [{ ...container({}), family: 'bad name' }, /^Family contains invalid characters/],
  ])('refuses %j', async (input, message) => {
    await apiError(register(input), 'ClientException', message);
  });

  it('refuses members of the wrong type and missing ones as InvalidParameterException', async () => {
    await apiError(register({ containerDefinitions: [] }), 'InvalidParameterException', /'family'/);
    await apiError(
      register({ family: 'f', containerDefinitions: 'x' }),
      'InvalidParameterException',
    );
    await apiError(register(container({ memory: '64' })), 'InvalidParameterException', /memory/);
    await apiError(register('nonsense'), 'InvalidParameterException');
  });

  it('accepts every memory of the Fargate table and normalises "1 vCPU" / "2 GB"', async () => {
    const { plane } = createPlane();
    const fargate = (cpu: string, memory: string) =>
      plane.registerTaskDefinition({
        ...container({}),
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu,
        memory,
      } as RegisterTaskDefinitionRequest);
    for (const [cpu, memory] of [
      ['256', '2048'],
      ['512', '4096'],
      ['4096', '30720'],
      ['8192', '20480'],
      ['16384', '122880'],
    ] as const) {
      await expect(fargate(cpu, memory)).resolves.toBeDefined();
    }
    const { taskDefinition } = await fargate('1 vCPU', '2 GB');
    expect(taskDefinition).toMatchObject({
      cpu: '1024',
      memory: '2048',
      compatibilities: ['EXTERNAL', 'EC2', 'FARGATE'],
      requiresCompatibilities: ['FARGATE'],
    });
    expect((await fargate('0.25 vcpu', '0.5GB')).taskDefinition).toMatchObject({
      cpu: '256',
      memory: '512',
    });
  });
});

describe('task definition registration', () => {
  it('numbers revisions per family and fills in the defaults', async () => {
    const { plane } = createPlane();
    const first = await plane.registerTaskDefinition(web);
    const second = await plane.registerTaskDefinition(web);
    expect(first.taskDefinition).toEqual({
      taskDefinitionArn: `${prefix}task-definition/web:1`,
      family: 'web',
      revision: 1,
      status: 'ACTIVE',
      networkMode: 'bridge',
      containerDefinitions: [
        {
          name: 'app',
          image: 'nginx',
          cpu: 256,
          memory: 512,
          essential: true,
          portMappings: [{ containerPort: 80, hostPort: 0, protocol: 'tcp' }],
          environment: [],
          mountPoints: [],
          volumesFrom: [],
        },
      ],
      volumes: [],
      placementConstraints: [],
      requiresCompatibilities: [],
      compatibilities: ['EXTERNAL', 'EC2'],
      requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' }],
      registeredAt: new Date(start),
      registeredBy: 'arn:aws:iam::000000000000:root',
    });
    expect(second.taskDefinition?.revision).toBe(2);
  });

  it('describes a family as its latest ACTIVE revision, and inactive ones only by revision', async () => {
    const { plane } = createPlane();
    await plane.registerTaskDefinition(web);
    await plane.registerTaskDefinition(web);
    await plane.deregisterTaskDefinition({ taskDefinition: 'web:2' });
    const latest = await plane.describeTaskDefinition({ taskDefinition: 'web' });
    expect(latest.taskDefinition?.revision).toBe(1);
    const inactive = await plane.describeTaskDefinition({
      taskDefinition: `${prefix}task-definition/web:2`,
    });
    expect(inactive.taskDefinition).toMatchObject({
      status: 'INACTIVE',
      deregisteredAt: new Date(start),
    });
    await apiError(
      plane.deregisterTaskDefinition({ taskDefinition: 'web:2' }),
      'ClientException',
      'TaskDefinition is inactive',
    );
    await apiError(
      plane.describeTaskDefinition({ taskDefinition: 'nope' }),
      'ClientException',
      'Unable to describe task definition.',
    );
    // Revisions are never reused, even after the family's definitions are gone.
    expect((await plane.registerTaskDefinition(web)).taskDefinition?.revision).toBe(3);
  });

  it('deletes only INACTIVE revisions, and returns tags when asked', async () => {
    const { plane, run } = createPlane();
    await plane.registerTaskDefinition({ ...web, tags: [{ key: 'team', value: 'a' }] });
    await plane.registerTaskDefinition(web);
    await plane.deregisterTaskDefinition({ taskDefinition: 'web:1' });
    const result = await plane.deleteTaskDefinitions({
      taskDefinitions: ['web:1', 'web:2', 'web:9'],
    });
    expect(result.taskDefinitions?.map((td) => [td.revision, td.status])).toEqual([
      [1, 'DELETE_IN_PROGRESS'],
    ]);
    expect(result.failures).toEqual([
      {
        arn: `${prefix}task-definition/web:2`,
        reason:
          'The specified task definition is still in ACTIVE status. Please deregister the target and try again.',
      },
      { arn: 'web:9', reason: 'The specified task definition does not exist.' },
    ]);
    expect(
      (await plane.describeTaskDefinition({ taskDefinition: 'web:2', include: ['TAGS'] })).tags,
    ).toEqual([]);
    await run(100);
    await apiError(plane.describeTaskDefinition({ taskDefinition: 'web:1' }), 'ClientException');
  });

  it('lists by family prefix, status and sort, a page at a time', async () => {
    const { plane } = createPlane();
    for (const family of ['web', 'worker', 'api']) {
      await plane.registerTaskDefinition({ ...web, family });
      await plane.registerTaskDefinition({ ...web, family });
    }
    await plane.deregisterTaskDefinition({ taskDefinition: 'api:1' });
    const arn = (name: string) => `${prefix}task-definition/${name}`;
    expect((await plane.listTaskDefinitions()).taskDefinitionArns).toEqual(
      ['api:2', 'web:1', 'web:2', 'worker:1', 'worker:2'].map(arn),
    );
    expect(
      (await plane.listTaskDefinitions({ familyPrefix: 'w', sort: 'DESC' })).taskDefinitionArns,
    ).toEqual(['worker:2', 'worker:1', 'web:2', 'web:1'].map(arn));
    expect((await plane.listTaskDefinitions({ status: 'INACTIVE' })).taskDefinitionArns).toEqual([
      arn('api:1'),
    ]);
    const pages: string[][] = [];
    let nextToken: string | undefined;
    do {
      const page = await plane.listTaskDefinitions({ maxResults: 2, nextToken });
      pages.push(page.taskDefinitionArns ?? []);
      nextToken = page.nextToken;
    } while (nextToken);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    await apiError(
      plane.listTaskDefinitions({ maxResults: 101 }),
      'InvalidParameterException',
      'maxResults must be between 1 and 100.',
    );
    await apiError(plane.listTaskDefinitions({ maxResults: 0 }), 'InvalidParameterException');
    await apiError(
      plane.listTaskDefinitions({ nextToken: 'garbage' }),
      'InvalidParameterException',
    );
    await apiError(
      plane.listTaskDefinitions({ status: 'GONE' as never }),
      'InvalidParameterException',
    );

    await plane.deregisterTaskDefinition({ taskDefinition: 'api:2' });
    expect((await plane.listTaskDefinitionFamilies()).families).toEqual(['web', 'worker']);
    expect((await plane.listTaskDefinitionFamilies({ status: 'INACTIVE' })).families).toEqual([
      'api',
    ]);
    expect(
      (await plane.listTaskDefinitionFamilies({ status: 'ALL', familyPrefix: 'a' })).families,
    ).toEqual(['api']);
  });
});

describe('CLI JSON', () => {
  it('exports exactly the register-task-definition input and imports it back to the same definition', async () => {
    const { plane } = createPlane();
    const input = {
      family: 'site',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '512',
      memory: '1 GB',
      executionRoleArn: 'arn:aws:iam::000000000000:role/exec',
      containerDefinitions: [
        {
          name: 'web',
          image: 'nginx:1.27',
          portMappings: [{ containerPort: 80, protocol: 'tcp' }],
          environment: [{ name: 'MODE', value: 'prod' }],
          stopTimeout: 10,
        },
      ],
      tags: [{ key: 'team', value: 'web' }],
    };
    const first = await plane.registerTaskDefinition(input as RegisterTaskDefinitionRequest);
    const exported = exportTaskDefinitionInput(first.taskDefinition ?? {}, first.tags);
    expect(Object.keys(exported)).toEqual([
      'family',
      'executionRoleArn',
      'networkMode',
      'containerDefinitions',
      'volumes',
      'placementConstraints',
      'requiresCompatibilities',
      'cpu',
      'memory',
      'tags',
    ]);
    expect(exported).not.toHaveProperty('taskDefinitionArn');
    expect(exported.memory).toBe('1024');
    const again = await plane.registerTaskDefinition(JSON.parse(JSON.stringify(exported)));
    expect(again.taskDefinition).toEqual({
      ...first.taskDefinition,
      taskDefinitionArn: `${prefix}task-definition/site:2`,
      revision: 2,
    });
    expect(again.tags).toEqual(input.tags);
  });
});
