import type { FuzzKind, FuzzMembers } from '../../src/main/ecs/control-plane/core/resource-module';
import { ecsResources } from '../../src/main/ecs/control-plane/registry';
import { junk, pick, randomString, type Random } from '../fuzz/generate';

/**
 * Request bodies for the ECS operations, generated from the sketch of each operation's members
 * its registry entry gives (names and kinds as the API model has them): mostly the right kind, often at a boundary,
 * now and then the wrong kind, junk, a deep nest or a huge string.
 */

type Kind = FuzzKind;
type Members = FuzzMembers;

/** Each resource module's operations with the members to generate, from the registry. */
export const operationSets: Record<string, Record<string, Members>> = Object.fromEntries(
  ecsResources.map((resource) => [
    resource.name,
    Object.fromEntries(resource.operations.map((operation) => [operation.name, operation.fuzz])),
  ]),
);

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
  'ecs',
  'ecs:service:DesiredCount',
  'TargetTrackingScaling',
  'StepScaling',
  'ECSServiceAverageCPUUtilization',
  'ALBRequestCountPerTarget',
  'ChangeInCapacity',
  'PercentChangeInCapacity',
  'ExactCapacity',
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
