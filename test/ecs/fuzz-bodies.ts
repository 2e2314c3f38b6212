import { junk, pick, randomString, type Random } from '../fuzz/generate';

/**
 * Request bodies for the ECS operations, generated from a sketch of each operation's members
 * (names and kinds as the API model has them): mostly the right kind, often at a boundary,
 * now and then the wrong kind, junk, a deep nest or a huge string.
 */

type Kind =
  'ref' | 'text' | 'int' | 'bool' | 'refs' | 'texts' | { object: Members } | { list: Members };
type Members = Record<string, Kind>;

const tag = { list: { key: 'text', value: 'text' } } as const;
const attribute = {
  list: { name: 'text', value: 'text', targetType: 'text', targetId: 'ref' },
} as const;
const page = { nextToken: 'text', maxResults: 'int' } as const;
const overrides = {
  object: {
    containerOverrides: { list: { name: 'text', command: 'texts', cpu: 'int', memory: 'int' } },
    cpu: 'text',
    memory: 'text',
  },
} as const;

const container = {
  name: 'text',
  image: 'text',
  cpu: 'int',
  memory: 'int',
  memoryReservation: 'int',
  essential: 'bool',
  portMappings: { list: { containerPort: 'int', hostPort: 'int', protocol: 'text' } },
  environment: { list: { name: 'text', value: 'text' } },
  command: 'texts',
  healthCheck: { object: { command: 'texts', interval: 'int', retries: 'int' } },
  stopTimeout: 'int',
} as const;

export const operationSets: Record<string, Record<string, Members>> = {
  clusters: {
    CreateCluster: {
      clusterName: 'ref',
      tags: tag,
      settings: { list: { name: 'text', value: 'text' } },
    },
    DeleteCluster: { cluster: 'ref' },
    DescribeClusters: { clusters: 'refs', include: 'texts' },
    ListClusters: page,
  },
  instances: {
    RegisterContainerInstance: {
      cluster: 'ref',
      totalResources: {
        list: { name: 'text', type: 'text', integerValue: 'int', stringSetValue: 'texts' },
      },
      attributes: attribute,
      containerInstanceArn: 'ref',
      tags: tag,
    },
    DeregisterContainerInstance: { cluster: 'ref', containerInstance: 'ref', force: 'bool' },
    DescribeContainerInstances: { cluster: 'ref', containerInstances: 'refs', include: 'texts' },
    ListContainerInstances: { cluster: 'ref', filter: 'text', status: 'text', ...page },
    UpdateContainerInstancesState: { cluster: 'ref', containerInstances: 'refs', status: 'text' },
  },
  taskDefinitions: {
    RegisterTaskDefinition: {
      family: 'ref',
      networkMode: 'text',
      containerDefinitions: { list: container },
      requiresCompatibilities: 'texts',
      cpu: 'text',
      memory: 'text',
      placementConstraints: { list: { type: 'text', expression: 'text' } },
      tags: tag,
    },
    DeregisterTaskDefinition: { taskDefinition: 'ref' },
    DeleteTaskDefinitions: { taskDefinitions: 'refs' },
    DescribeTaskDefinition: { taskDefinition: 'ref', include: 'texts' },
    ListTaskDefinitions: { familyPrefix: 'ref', status: 'text', sort: 'text', ...page },
    ListTaskDefinitionFamilies: { familyPrefix: 'ref', status: 'text', ...page },
  },
  tasks: {
    RunTask: {
      cluster: 'ref',
      taskDefinition: 'ref',
      count: 'int',
      startedBy: 'text',
      group: 'text',
      launchType: 'text',
      overrides,
      placementConstraints: { list: { type: 'text', expression: 'text' } },
      placementStrategy: { list: { type: 'text', field: 'text' } },
      networkConfiguration: {
        object: { awsvpcConfiguration: { object: { subnets: 'texts', securityGroups: 'texts' } } },
      },
      tags: tag,
    },
    StartTask: { cluster: 'ref', taskDefinition: 'ref', containerInstances: 'refs', overrides },
    StopTask: { cluster: 'ref', task: 'ref', reason: 'text' },
    DescribeTasks: { cluster: 'ref', tasks: 'refs', include: 'texts' },
    ListTasks: {
      cluster: 'ref',
      containerInstance: 'ref',
      family: 'ref',
      startedBy: 'text',
      serviceName: 'text',
      desiredStatus: 'text',
      launchType: 'text',
      ...page,
    },
  },
  tagsAndAttributes: {
    TagResource: { resourceArn: 'ref', tags: tag },
    UntagResource: { resourceArn: 'ref', tagKeys: 'texts' },
    ListTagsForResource: { resourceArn: 'ref' },
    PutAttributes: { cluster: 'ref', attributes: attribute },
    DeleteAttributes: { cluster: 'ref', attributes: attribute },
    ListAttributes: {
      cluster: 'ref',
      targetType: 'text',
      attributeName: 'text',
      attributeValue: 'text',
      ...page,
    },
  },
};

const words = [
  'ACTIVE',
  'INACTIVE',
  'DRAINING',
  'RUNNING',
  'STOPPED',
  'TAGS',
  'EC2',
  'FARGATE',
  'awsvpc',
  'bridge',
  'host',
  'none',
  'CPU',
  'MEMORY',
  'PORTS',
  'INTEGER',
  'ASC',
  'DESC',
  'container-instance',
  'binpack',
  'spread',
  'random',
  'distinctInstance',
  'memberOf',
  'attribute:ecs.instance-type == t3.micro',
  'busybox',
];
const boundaryNumbers = [
  0,
  1,
  2,
  9,
  10,
  11,
  100,
  101,
  -1,
  128,
  1024,
  65535,
  65536,
  2 ** 31,
  2 ** 53,
  1.5,
  1e308,
];

export interface FuzzValues {
  /** Names and ARNs that exist on the endpoint, so generated calls reach past the lookups. */
  refs: string[];
}

export function fuzzBody(random: Random, members: Members, values: FuzzValues): string {
  const roll = random();
  if (roll < 0.01) return '';
  if (roll < 0.02) return deepNest(random);
  if (roll < 0.03)
    return `{"${pick(random, Object.keys(members))}":"${'x'.repeat(200_000 + Math.floor(random() * 800_000))}"}`;
  if (roll < 0.05) return JSON.stringify(junk(random));
  return JSON.stringify(objectFor(random, members, values, 0));
}

function objectFor(random: Random, members: Members, values: FuzzValues, depth: number) {
  const body: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(members)) {
    if (random() < 0.6) body[name] = valueFor(random, kind, values, depth);
  }
  if (random() < 0.05) body[randomString(random, 12)] = junk(random);
  return body;
}

function valueFor(random: Random, kind: Kind, values: FuzzValues, depth: number): unknown {
  if (random() < 0.08 || depth > 4) return junk(random);
  if (kind === 'ref') return random() < 0.6 ? pick(random, values.refs) : text(random);
  if (kind === 'text') return text(random);
  if (kind === 'int')
    return random() < 0.8 ? pick(random, boundaryNumbers) : String(pick(random, boundaryNumbers));
  if (kind === 'bool') return random() < 0.9 ? random() < 0.5 : 'true';
  if (kind === 'refs' || kind === 'texts') {
    const length = random() < 0.05 ? 101 + Math.floor(random() * 200) : Math.floor(random() * 4);
    return Array.from({ length }, () =>
      valueFor(random, kind === 'refs' ? 'ref' : 'text', values, depth + 1),
    );
  }
  if ('object' in kind) return objectFor(random, kind.object, values, depth + 1);
  const length = random() < 0.05 ? 11 + Math.floor(random() * 100) : Math.floor(random() * 4);
  return Array.from({ length }, () => objectFor(random, kind.list, values, depth + 1));
}

function text(random: Random): string {
  const roll = random();
  if (roll < 0.4) return pick(random, words);
  if (roll < 0.45) return 'y'.repeat(256 + Math.floor(random() * 70_000));
  return randomString(random);
}

function deepNest(random: Random): string {
  const depth = pick(random, [31, 32, 33, 1000, 100_000]);
  const open = random() < 0.5 ? '{"a":'.repeat(depth) : '['.repeat(depth);
  const close = open.startsWith('{') ? '}'.repeat(depth) : ']'.repeat(depth);
  return `{"cluster":${open}1${close}}`;
}
