import {
  ClientException,
  DeleteTaskDefinitionsCommand,
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  paginateListTaskDefinitionFamilies,
  paginateListTaskDefinitions,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arnPrefix, exactly, rejection, startHarness, type Harness } from './harness';

// Task definitions through the real SDK: revisions, defaults, AWS's validation messages,
// deregistration and deletion, and the list paginators.

const web: RegisterTaskDefinitionCommandInput = {
  family: 'web',
  containerDefinitions: [{ name: 'app', image: 'busybox', memory: 128 }],
};

describe('ECS conformance: task definitions', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const register = (input: RegisterTaskDefinitionCommandInput) =>
    h.client.send(new RegisterTaskDefinitionCommand(input));

  it('registers revisions 1, 2, … with the defaults ECS fills in', async () => {
    const first = await register({ ...web, tags: [{ key: 'tier', value: 'front' }] });
    const definition = first.taskDefinition;
    expect(definition).toMatchObject({
      taskDefinitionArn: `${arnPrefix}task-definition/web:1`,
      family: 'web',
      revision: 1,
      status: 'ACTIVE',
      networkMode: 'bridge',
    });
    expect(definition?.registeredAt).toBeInstanceOf(Date);
    expect(definition?.compatibilities).toEqual(expect.arrayContaining(['EC2', 'EXTERNAL']));
    expect(definition?.containerDefinitions?.[0]).toMatchObject({
      name: 'app',
      image: 'busybox',
      memory: 128,
      essential: true,
      portMappings: [],
      environment: [],
      mountPoints: [],
      volumesFrom: [],
    });
    expect(first.tags).toEqual([{ key: 'tier', value: 'front' }]);
    const second = await register(web);
    expect(second.taskDefinition?.revision).toBe(2);
  });

  it.each([
    [
      'a container without an image',
      { family: 'bad', containerDefinitions: [{ name: 'app', memory: 128 }] },
      'Container.image should not be null or empty.',
    ],
    [
      'a container without memory and no task memory',
      { family: 'bad', containerDefinitions: [{ name: 'app', image: 'busybox' }] },
      "Invalid setting for container 'app'. At least one of 'memory' or 'memoryReservation' must be specified.",
    ],
    [
      'Fargate in bridge mode',
      {
        family: 'bad',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'bridge',
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'app', image: 'busybox' }],
      },
      "Fargate only supports network mode 'awsvpc'.",
    ],
    [
      'a Fargate size that does not exist',
      {
        family: 'bad',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '4096',
        containerDefinitions: [{ name: 'app', image: 'busybox' }],
      },
      'No Fargate configuration exists for given values.',
    ],
    [
      'awsvpc host ports that differ from container ports',
      {
        family: 'bad',
        networkMode: 'awsvpc',
        containerDefinitions: [
          {
            name: 'app',
            image: 'busybox',
            memory: 128,
            portMappings: [{ containerPort: 80, hostPort: 8080 }],
          },
        ],
      },
      'When networkMode=awsvpc, the host ports and container ports in port mappings must match.',
    ],
  ] as [string, RegisterTaskDefinitionCommandInput, string][])(
    'refuses %s with ClientException and AWS wording',
    async (_case, input, message) => {
      await rejection(register(input), ClientException, exactly(message));
    },
  );

  it('stores Fargate sizes normalised ("1 vCPU", "2 GB")', async () => {
    const { taskDefinition } = await register({
      family: 'sized',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '1 vCPU',
      memory: '2 GB',
      containerDefinitions: [{ name: 'app', image: 'busybox' }],
    });
    expect(taskDefinition).toMatchObject({ cpu: '1024', memory: '2048' });
    expect(taskDefinition?.compatibilities).toContain('FARGATE');
  });

  it('describes the latest ACTIVE revision by family, a given one by family:revision', async () => {
    const latest = await h.client.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'web' }),
    );
    expect(latest.taskDefinition?.revision).toBe(2);
    const first = await h.client.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'web:1', include: ['TAGS'] }),
    );
    expect(first.taskDefinition?.revision).toBe(1);
    expect(first.tags).toEqual([{ key: 'tier', value: 'front' }]);
    const byArn = await h.client.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: `${arnPrefix}task-definition/web:2` }),
    );
    expect(byArn.taskDefinition?.revision).toBe(2);
    await rejection(
      h.client.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'nothing:1' })),
      ClientException,
    );
  });

  it('walks ListTaskDefinitions and ListTaskDefinitionFamilies page by page', async () => {
    for (let i = 0; i < 3; i++) await register({ ...web, family: `batch-${i}` });
    const arns: string[] = [];
    for await (const page of paginateListTaskDefinitions(
      { client: h.client, pageSize: 1 },
      { familyPrefix: 'web', sort: 'DESC' },
    )) {
      arns.push(...(page.taskDefinitionArns ?? []));
    }
    expect(arns).toEqual([
      `${arnPrefix}task-definition/web:2`,
      `${arnPrefix}task-definition/web:1`,
    ]);
    const families: string[] = [];
    for await (const page of paginateListTaskDefinitionFamilies(
      { client: h.client, pageSize: 2 },
      {},
    )) {
      families.push(...(page.families ?? []));
    }
    expect(families).toEqual(expect.arrayContaining(['web', 'sized', 'batch-0', 'batch-2']));
    expect(new Set(families).size).toBe(families.length);
  });

  it('deregisters a revision (INACTIVE, still describable) and deletes only inactive ones', async () => {
    const deregistered = await h.client.send(
      new DeregisterTaskDefinitionCommand({ taskDefinition: 'web:1' }),
    );
    expect(deregistered.taskDefinition?.status).toBe('INACTIVE');
    expect(deregistered.taskDefinition?.deregisteredAt).toBeInstanceOf(Date);
    const described = await h.client.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'web:1' }),
    );
    expect(described.taskDefinition?.status).toBe('INACTIVE');
    const inactive = await h.client.send(
      new ListTaskDefinitionsCommand({ familyPrefix: 'web', status: 'INACTIVE' }),
    );
    expect(inactive.taskDefinitionArns).toEqual([`${arnPrefix}task-definition/web:1`]);

    const refused = await h.client.send(
      new DeleteTaskDefinitionsCommand({ taskDefinitions: ['web:2'] }),
    );
    expect(refused.taskDefinitions ?? []).toEqual([]);
    expect(refused.failures?.[0]?.arn).toBe(`${arnPrefix}task-definition/web:2`);
    const deleted = await h.client.send(
      new DeleteTaskDefinitionsCommand({ taskDefinitions: ['web:1'] }),
    );
    expect(deleted.taskDefinitions?.[0]?.status).toBe('DELETE_IN_PROGRESS');
    expect(deleted.failures ?? []).toEqual([]);
  });
});
