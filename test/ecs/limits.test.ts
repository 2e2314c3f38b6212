import {
  AttributeLimitExceededException,
  ClientException,
  CreateClusterCommand,
  InvalidParameterException,
  PutAttributesCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StartTaskCommand,
  TagResourceCommand,
  type Attribute,
  type RegisterTaskDefinitionCommandInput,
  type Tag,
  type TaskOverride,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  maxAttributeNameLength,
  maxAttributeValueLength,
  maxClusters,
  maxContainerOverridesChars,
  maxContainersPerTaskDefinition,
  maxCustomAttributesPerInstance,
  maxInstancesPerCluster,
  maxRevisionsPerFamily,
  maxTagKeyLength,
  maxTagsPerResource,
  maxTagValueLength,
  maxTaskDefinitionBytes,
  maxTaskDefinitionRevisions,
  maxTasksPerRunTask,
} from '../../src/main/ecs/control-plane/core/limits';
import {
  emptyEcsState,
  type ClusterRecord,
  type ContainerInstanceRecord,
  type TaskDefinitionRecord,
} from '../../src/main/ecs/control-plane/core/state';
import { apiError, createPlane } from '../../src/main/ecs/control-plane/test-support';
import { ecsTargetPrefix as targetPrefix } from '../../src/main/ecs/endpoint/ecs-json-service';
import { defaultEcsEndpointLimits } from '../../src/main/ecs/endpoint/server';
import { exactly, rejection, startHarness, type Harness } from './harness';

const maxRequestBodyBytes = defaultEcsEndpointLimits.maxBodyBytes;

// Each quota checked on both sides through the real endpoint and SDK: at the limit accepted,
// one over refused with ECS's exception and wording.

/** A registration whose JSON (as `JSON.stringify` writes it) is exactly `bytes` long. */
function registrationOfSize(family: string, bytes: number): RegisterTaskDefinitionCommandInput {
  const withValue = (value: string): RegisterTaskDefinitionCommandInput => ({
    family,
    containerDefinitions: [
      {
        name: 'main',
        image: 'busybox',
        memory: 64,
        environment: [{ name: 'PAD', value }],
      },
    ],
  });
  const base = JSON.stringify(withValue('')).length;
  const input = withValue('x'.repeat(bytes - base));
  expect(Buffer.byteLength(JSON.stringify(input))).toBe(bytes);
  return input;
}

/** Overrides whose JSON is exactly `chars` long. */
function overridesOfSize(chars: number): TaskOverride {
  const withValue = (value: string): TaskOverride => ({
    containerOverrides: [{ name: 'main', environment: [{ name: 'PAD', value }] }],
    cpu: '64',
  });
  const overrides = withValue('x'.repeat(chars - JSON.stringify(withValue('')).length));
  expect(JSON.stringify(overrides)).toHaveLength(chars);
  return overrides;
}

describe('ECS limits through the endpoint', () => {
  let h: Harness;
  let instanceArn: string;
  let definitionArn: string;

  beforeAll(async () => {
    h = await startHarness();
    await h.client.send(new CreateClusterCommand({ clusterName: 'limits' }));
    const { containerInstance } = await h.client.send(
      new RegisterContainerInstanceCommand({
        cluster: 'limits',
        totalResources: [
          { name: 'CPU', type: 'INTEGER', integerValue: 4096 },
          { name: 'MEMORY', type: 'INTEGER', integerValue: 8192 },
        ],
      }),
    );
    instanceArn = containerInstance?.containerInstanceArn as string;
    const { taskDefinition } = await h.client.send(
      new RegisterTaskDefinitionCommand({
        family: 'small',
        containerDefinitions: [{ name: 'main', image: 'busybox', memory: 64, cpu: 64 }],
      }),
    );
    definitionArn = taskDefinition?.taskDefinitionArn as string;
  });
  afterAll(() => h.close());

  it(`takes a request body of ${maxRequestBodyBytes} bytes and refuses one more with 413`, async () => {
    const post = (bytes: number) => {
      const padding = 'x'.repeat(bytes - JSON.stringify({ maxResults: 1, p: '' }).length);
      const body = JSON.stringify({ maxResults: 1, p: padding });
      expect(Buffer.byteLength(body)).toBe(bytes);
      return fetch(h.endpoint.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': `${targetPrefix}ListClusters`,
        },
        body,
      });
    };
    const atLimit = await post(maxRequestBodyBytes);
    expect(atLimit.status).not.toBe(413);
    await atLimit.arrayBuffer();
    const over = await post(maxRequestBodyBytes + 1);
    expect(over.status).toBe(413);
    await over.arrayBuffer();
  });

  it(`takes a task definition of ${maxTaskDefinitionBytes} bytes and refuses one more`, async () => {
    const atLimit = registrationOfSize('big', maxTaskDefinitionBytes);
    const { taskDefinition } = await h.client.send(new RegisterTaskDefinitionCommand(atLimit));
    expect(taskDefinition?.revision).toBe(1);
    await rejection(
      h.client.send(
        new RegisterTaskDefinitionCommand(registrationOfSize('big', maxTaskDefinitionBytes + 1)),
      ),
      ClientException,
      exactly(
        `Actual length: '${maxTaskDefinitionBytes + 1}'. Max allowed length is '${maxTaskDefinitionBytes}' bytes.`,
      ),
    );
  });

  it(`takes ${maxContainersPerTaskDefinition} containers in a task definition and refuses one more`, async () => {
    const register = (count: number) =>
      h.client.send(
        new RegisterTaskDefinitionCommand({
          family: 'many',
          containerDefinitions: Array.from({ length: count }, (_, index) => ({
            name: `c${index}`,
            image: 'busybox',
            memory: 16,
          })),
        }),
      );
    const { taskDefinition } = await register(maxContainersPerTaskDefinition);
    expect(taskDefinition?.containerDefinitions).toHaveLength(maxContainersPerTaskDefinition);
    await rejection(
      register(maxContainersPerTaskDefinition + 1),
      ClientException,
      exactly('Too many containers.'),
    );
  });

  it(`takes container overrides of ${maxContainerOverridesChars} characters and refuses one more`, async () => {
    const run = (chars: number) =>
      h.client.send(
        new RunTaskCommand({
          cluster: 'limits',
          taskDefinition: 'small',
          overrides: overridesOfSize(chars),
        }),
      );
    const { tasks } = await run(maxContainerOverridesChars);
    expect(tasks).toHaveLength(1);
    const refused = exactly(
      `Container Overrides length must be at most ${maxContainerOverridesChars}`,
    );
    await rejection(run(maxContainerOverridesChars + 1), InvalidParameterException, refused);
    const start = (chars: number) =>
      h.client.send(
        new StartTaskCommand({
          cluster: 'limits',
          taskDefinition: 'small',
          containerInstances: [instanceArn],
          overrides: overridesOfSize(chars),
        }),
      );
    expect((await start(maxContainerOverridesChars)).tasks).toHaveLength(1);
    await rejection(start(maxContainerOverridesChars + 1), InvalidParameterException, refused);
  });

  it(`starts ${maxTasksPerRunTask} tasks in one RunTask and refuses one more`, async () => {
    const run = (count: number) =>
      h.client.send(new RunTaskCommand({ cluster: 'limits', taskDefinition: 'small', count }));
    const { tasks } = await run(maxTasksPerRunTask);
    expect(tasks).toHaveLength(maxTasksPerRunTask);
    await rejection(
      run(maxTasksPerRunTask + 1),
      InvalidParameterException,
      exactly(`count must be between 1 and ${maxTasksPerRunTask}.`),
    );
  });

  it(`takes ${maxTagsPerResource} tags, keys of ${maxTagKeyLength} and values of ${maxTagValueLength} characters`, async () => {
    const tags = (count: number): Tag[] =>
      Array.from({ length: count }, (_, index) => ({ key: `k${index}`, value: 'v' }));
    const tag = (list: Tag[]) =>
      h.client.send(new TagResourceCommand({ resourceArn: definitionArn, tags: list }));
    await tag(tags(maxTagsPerResource));
    await rejection(
      tag([{ key: 'one-more', value: 'v' }]),
      InvalidParameterException,
      exactly(`A resource can have at most ${maxTagsPerResource} tags.`),
    );
    const { taskDefinition } = await h.client.send(
      new RegisterTaskDefinitionCommand({
        family: 'tagged',
        containerDefinitions: [{ name: 'main', image: 'busybox', memory: 64 }],
        tags: [{ key: 'k'.repeat(maxTagKeyLength), value: 'v'.repeat(maxTagValueLength) }],
      }),
    );
    const tagged = taskDefinition?.taskDefinitionArn as string;
    await rejection(
      h.client.send(
        new TagResourceCommand({
          resourceArn: tagged,
          tags: [{ key: 'k'.repeat(maxTagKeyLength + 1), value: 'v' }],
        }),
      ),
      InvalidParameterException,
      exactly(`Tag keys must be between 1 and ${maxTagKeyLength} characters.`),
    );
    await rejection(
      h.client.send(
        new TagResourceCommand({
          resourceArn: tagged,
          tags: [{ key: 'k', value: 'v'.repeat(maxTagValueLength + 1) }],
        }),
      ),
      InvalidParameterException,
      exactly(`Tag values must be at most ${maxTagValueLength} characters.`),
    );
  });

  it(`takes ${maxCustomAttributesPerInstance} custom attributes on an instance and refuses one more`, async () => {
    const put = (attributes: Attribute[]) =>
      h.client.send(
        new PutAttributesCommand({
          cluster: 'limits',
          attributes: attributes.map((attribute) => ({
            ...attribute,
            targetType: 'container-instance',
            targetId: instanceArn,
          })),
        }),
      );
    await put(
      Array.from({ length: maxCustomAttributesPerInstance }, (_, index) => ({
        name: index === 0 ? 'n'.repeat(maxAttributeNameLength) : `custom-${index}`,
        value: index === 0 ? 'v'.repeat(maxAttributeValueLength) : 'x',
      })),
    );
    await rejection(
      put([{ name: 'one-more', value: 'x' }]),
      AttributeLimitExceededException,
      exactly(
        `You can apply up to ${maxCustomAttributesPerInstance} custom attributes for each resource.`,
      ),
    );
    await rejection(
      put([{ name: 'n'.repeat(maxAttributeNameLength + 1), value: 'x' }]),
      InvalidParameterException,
      /^Attribute name 'n+' is invalid: up to 128 letters/,
    );
    await rejection(
      put([{ name: 'custom-1', value: 'v'.repeat(maxAttributeValueLength + 1) }]),
      InvalidParameterException,
      /^Attribute value 'v+' is invalid\.$/,
    );
  });
});

describe('task definition revisions', () => {
  const registration = {
    family: 'web',
    containerDefinitions: [{ name: 'main', image: 'busybox', memory: 64 }],
  };

  it(`takes revision ${maxRevisionsPerFamily} of a family and refuses the next`, async () => {
    const state = emptyEcsState();
    state.familyRevisions.web = maxRevisionsPerFamily - 1;
    const { plane } = createPlane({ state });
    const { taskDefinition } = await plane.registerTaskDefinition(registration);
    expect(taskDefinition?.revision).toBe(maxRevisionsPerFamily);
    await apiError(
      plane.registerTaskDefinition(registration),
      'ClientException',
      `Too many revisions of task definition family web. The maximum is ${maxRevisionsPerFamily}.`,
    );
    const other = await plane.registerTaskDefinition({ ...registration, family: 'other' });
    expect(other.taskDefinition?.revision).toBe(1);
  });

  it(`stores ${maxTaskDefinitionRevisions} revisions in all and refuses more`, async () => {
    const state = emptyEcsState();
    const stored = { family: 'old', status: 'INACTIVE' } as TaskDefinitionRecord;
    for (let index = 0; index < maxTaskDefinitionRevisions - 1; index++) {
      state.taskDefinitions[`arn:aws:ecs:us-east-1:000000000000:task-definition/old:${index + 1}`] =
        { ...stored, revision: index + 1 };
    }
    state.familyRevisions.old = maxTaskDefinitionRevisions - 1;
    const { plane } = createPlane({ state });
    await plane.registerTaskDefinition(registration);
    await apiError(
      plane.registerTaskDefinition({ ...registration, family: 'another' }),
      'ClientException',
      `Too many task definition revisions. The maximum is ${maxTaskDefinitionRevisions}; ` +
        'deregister and delete revisions to register more.',
    );
  });
});

describe('clusters and container instances', () => {
  const arnOf = (kind: string, name: string) =>
    `arn:aws:ecs:us-east-1:000000000000:${kind}/${name}`;

  it(`keeps ${maxClusters} clusters active and refuses one more`, async () => {
    const state = emptyEcsState();
    for (let index = 0; index < maxClusters - 1; index++) {
      state.clusters[arnOf('cluster', `c${index}`)] = {
        clusterArn: arnOf('cluster', `c${index}`),
        clusterName: `c${index}`,
        status: 'ACTIVE',
        tags: [],
        settings: [],
      } satisfies ClusterRecord;
    }
    const { plane } = createPlane({ state });
    await plane.createCluster({ clusterName: 'last' });
    await plane.createCluster({ clusterName: 'last' });
    await apiError(
      plane.createCluster({ clusterName: 'one-more' }),
      'ClientException',
      `Too many clusters. The maximum is ${maxClusters}; delete clusters to create more.`,
    );
    await plane.deleteCluster({ cluster: 'last' });
    await plane.createCluster({ clusterName: 'one-more' });
  });

  it(`registers ${maxInstancesPerCluster} instances in a cluster and refuses one more`, async () => {
    const { plane } = createPlane();
    await plane.createCluster({ clusterName: 'full' });
    const state = structuredClone(plane.state);
    const clusterArn = arnOf('cluster', 'full');
    for (let index = 0; index < maxInstancesPerCluster - 1; index++) {
      const arn = arnOf('container-instance', `full/${index}`);
      state.containerInstances[arn] = {
        containerInstanceArn: arn,
        clusterArn,
        ec2InstanceId: `i-${index}`,
        status: 'ACTIVE',
        agentConnected: true,
        registeredAt: 0,
        registered: { cpu: 1024, memory: 1024, tcpPorts: [], udpPorts: [] },
        attributes: [],
        tags: [],
        version: 1,
      } satisfies ContainerInstanceRecord;
    }
    const full = createPlane({ state }).plane;
    const register = () =>
      full.registerContainerInstance({
        cluster: 'full',
        totalResources: [
          { name: 'CPU', type: 'INTEGER', integerValue: 1024 },
          { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 },
        ],
      });
    const { containerInstance } = await register();
    await apiError(
      register(),
      'ClientException',
      `Too many container instances in the cluster. The maximum is ${maxInstancesPerCluster}.`,
    );
    // The agent registering its instance again is no new instance.
    await full.registerContainerInstance({
      cluster: 'full',
      containerInstanceArn: containerInstance?.containerInstanceArn,
      totalResources: [
        { name: 'CPU', type: 'INTEGER', integerValue: 1024 },
        { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 },
      ],
    });
  });
});
