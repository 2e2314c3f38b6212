import { describe, expect, it } from 'vitest';
import { placeTasks, serviceDefaultStrategy } from './index';
import { idOf, instance, request, seededRandom, tasksOf } from './test-support';

const first = () => 0;
const ids = (arns: readonly string[]) => arns.map(idOf);

describe('constraints', () => {
  const zones = [
    instance('a', { zone: 'us-east-1a', attributes: { 'ecs.instance-type': 't2.small' } }),
    instance('b', { zone: 'us-east-1b' }),
    instance('c', { zone: 'us-east-1c', attributes: { 'ecs.instance-type': 't2.micro' } }),
  ];

  it('places only on members of a memberOf expression', () => {
    const result = placeTasks(
      zones,
      request({
        count: 4,
        constraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t2.*' }],
      }),
      seededRandom(7),
    );
    expect(new Set(ids(result.placements))).toEqual(new Set(['a', 'c']));
    expect(result.placements).toHaveLength(4);
  });

  it('fails with ATTRIBUTE when the constraints exclude every instance with room', () => {
    const result = placeTasks(
      zones,
      request({
        constraints: [
          { type: 'memberOf', expression: 'attribute:ecs.instance-type == g2.2xlarge' },
        ],
      }),
      first,
    );
    expect(result.placements).toEqual([]);
    expect(result.failures).toEqual([{ arn: zones[0]!.arn, reason: 'ATTRIBUTE' }]);
    expect(result.closest?.shortfall).toBe('ATTRIBUTE');
  });

  it('applies every constraint', () => {
    const result = placeTasks(
      zones,
      request({
        count: 2,
        constraints: [
          { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t2.*' },
          { type: 'memberOf', expression: 'attribute:ecs.availability-zone != us-east-1a' },
        ],
      }),
      seededRandom(3),
    );
    expect(ids(result.placements)).toEqual(['c', 'c']);
  });

  it('names a short instance the constraints would take before one they would not', () => {
    const result = placeTasks(
      [
        instance('other', { remaining: { memory: 500 } }),
        instance('t2', { remaining: { cpu: 0 }, attributes: { 'ecs.instance-type': 't2.small' } }),
      ],
      request({
        constraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t2.*' }],
      }),
      first,
    );
    expect(result.failures).toEqual([{ arn: instance('t2').arn, reason: 'RESOURCE:CPU' }]);
  });

  it('distinctInstance puts each task of the group on a different instance', () => {
    const result = placeTasks(
      zones,
      request({ count: 4, constraints: [{ type: 'distinctInstance' }] }),
      seededRandom(11),
    );
    expect(new Set(ids(result.placements))).toEqual(new Set(['a', 'b', 'c']));
    expect(result.failures).toEqual([{ arn: expect.any(String), reason: 'ATTRIBUTE' }]);
  });

  it('distinctInstance avoids instances already running a task of the group', () => {
    const busy = [
      instance('a', { tasks: tasksOf('family:web', 1) }),
      instance('b', { tasks: tasksOf('family:other', 2) }),
    ];
    const result = placeTasks(
      busy,
      request({ constraints: [{ type: 'distinctInstance' }] }),
      first,
    );
    expect(ids(result.placements)).toEqual(['b']);
  });

  it('sees the tasks this call placed in task:group and runningTasksCount', () => {
    const affinity = placeTasks(
      [instance('a'), instance('b')],
      request({
        count: 3,
        group: 'family:web',
        constraints: [{ type: 'memberOf', expression: 'runningTasksCount < 2' }],
      }),
      first,
    );
    expect(ids(affinity.placements)).toEqual(['a', 'a', 'b']);
    const antiAffinity = placeTasks(
      [instance('a'), instance('b')],
      request({
        count: 3,
        constraints: [{ type: 'memberOf', expression: 'not(task:group == family:web)' }],
      }),
      first,
    );
    expect(ids(antiAffinity.placements)).toEqual(['a', 'b']);
    expect(antiAffinity.failures[0]?.reason).toBe('ATTRIBUTE');
  });

  it('rejects a malformed expression as ECS does', () => {
    expect(() =>
      placeTasks(
        zones,
        request({ constraints: [{ type: 'memberOf', expression: 'attribute:x ==' }] }),
        first,
      ),
    ).toThrow(/Invalid memberOf expression/);
  });
});

describe('strategies', () => {
  it('binpack on memory picks the instance with the least memory left that still fits', () => {
    const instances = [
      instance('roomy', { remaining: { memory: 4000 } }),
      instance('tight', { remaining: { memory: 600 } }),
      instance('tiny', { remaining: { memory: 400 } }),
    ];
    const result = placeTasks(
      instances,
      request({ memory: 512, count: 2, strategy: [{ type: 'binpack', field: 'memory' }] }),
      seededRandom(5),
    );
    expect(ids(result.placements)).toEqual(['tight', 'roomy']);
  });

  it('binpack on cpu picks the instance with the least CPU left, whatever its memory', () => {
    const instances = [
      instance('a', { remaining: { cpu: 1024, memory: 100_000 } }),
      instance('b', { remaining: { cpu: 512, memory: 100_000 } }),
      instance('c', { remaining: { cpu: 2048, memory: 600 } }),
    ];
    const result = placeTasks(
      instances,
      request({ cpu: 256, count: 3, strategy: [{ type: 'binpack', field: 'CPU' }] }),
      seededRandom(5),
    );
    expect(ids(result.placements)).toEqual(['b', 'b', 'a']);
  });

  it('spread over zones balances the group across zones, counting tasks already there', () => {
    const instances = [
      instance('a1', { zone: 'us-east-1a', tasks: tasksOf('family:web', 2) }),
      instance('a2', { zone: 'us-east-1a' }),
      instance('b1', { zone: 'us-east-1b', tasks: tasksOf('family:other', 5) }),
      instance('c1', { zone: 'us-east-1c' }),
    ];
    const result = placeTasks(
      instances,
      request({
        count: 6,
        strategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
      }),
      seededRandom(9),
    );
    const perZone = new Map<string, number>([['us-east-1a', 2]]);
    for (const arn of result.placements) {
      const zone = instances.find((candidate) => candidate.arn === arn)!.attributes[
        'ecs.availability-zone'
      ]!;
      perZone.set(zone, (perZone.get(zone) ?? 0) + 1);
    }
    // 2 + 6 tasks over three zones: the two empty zones catch up first, then 2, 3, 3.
    expect(ids(result.placements.slice(0, 4)).filter((id) => id === 'a1' || id === 'a2')).toEqual(
      [],
    );
    expect([...perZone.values()].sort()).toEqual([2, 3, 3]);
  });

  it('spread over instances (or host) fills the emptiest instance of the group first', () => {
    const instances = [
      instance('a', { tasks: tasksOf('family:web', 2) }),
      instance('b'),
      instance('c', { tasks: tasksOf('family:web', 1) }),
    ];
    for (const field of ['instanceId', 'host']) {
      const result = placeTasks(
        instances,
        request({ count: 3, strategy: [{ type: 'spread', field }] }),
        first,
      );
      expect(ids(result.placements)).toEqual(['b', 'b', 'c']);
    }
  });

  it('random is deterministic given the same random source and uses it', () => {
    const instances = Array.from({ length: 20 }, (_, index) => instance(`i${index}`));
    const run = (seed: number) =>
      placeTasks(
        instances,
        request({ count: 10, strategy: [{ type: 'random' }] }),
        seededRandom(seed),
      ).placements;
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
    expect(new Set(run(42)).size).toBeGreaterThan(3);
  });

  it('draws only among eligible instances, however few of them there are', () => {
    const instances = [
      ...Array.from({ length: 30 }, (_, index) => instance(`d${index}`, { status: 'DRAINING' })),
      instance('full', { remaining: { cpu: 0 } }),
      instance('room'),
      ...Array.from({ length: 30 }, (_, index) => instance(`x${index}`, { agentConnected: false })),
    ];
    for (let seed = 1; seed <= 20; seed++) {
      const result = placeTasks(instances, request({ count: 3 }), seededRandom(seed));
      expect(ids(result.placements)).toEqual(['room', 'room', 'room']);
    }
    const drained = instances.filter((candidate) => candidate.status === 'DRAINING');
    expect(placeTasks(drained, request(), seededRandom(1))).toEqual({
      placements: [],
      failures: [],
      noActiveInstances: true,
    });
  });

  it('places at random when no strategy is given (RunTask)', () => {
    const instances = [instance('a'), instance('b'), instance('c')];
    expect(ids(placeTasks(instances, request(), () => 0).placements)).toEqual(['a']);
    expect(ids(placeTasks(instances, request(), () => 0.99).placements)).toEqual(['c']);
  });

  it('applies strategies in order: spread over zones, then binpack memory within the zone', () => {
    const instances = [
      instance('a-roomy', { zone: 'us-east-1a', remaining: { memory: 6000 } }),
      instance('a-tight', { zone: 'us-east-1a', remaining: { memory: 1600 } }),
      instance('b-roomy', { zone: 'us-east-1b', remaining: { memory: 7000 } }),
      instance('b-tight', {
        zone: 'us-east-1b',
        remaining: { memory: 2000 },
        tasks: tasksOf('family:web', 1),
      }),
    ];
    const result = placeTasks(
      instances,
      request({
        memory: 512,
        count: 3,
        strategy: [
          { type: 'spread', field: 'attribute:ecs.availability-zone' },
          { type: 'binpack', field: 'memory' },
        ],
      }),
      first,
    );
    // Zones tied at one task each: binpack across both zones picks a-tight again.
    expect(ids(result.placements)).toEqual(['a-tight', 'a-tight', 'b-tight']);
  });

  it('the service default spreads over zones, then over instances', () => {
    const instances = [
      instance('a1', { zone: 'us-east-1a' }),
      instance('a2', { zone: 'us-east-1a' }),
      instance('b1', { zone: 'us-east-1b' }),
    ];
    const result = placeTasks(
      instances,
      request({ group: 'service:web', count: 4, strategy: [...serviceDefaultStrategy] }),
      first,
    );
    expect(ids(result.placements)).toEqual(['a1', 'b1', 'a2', 'b1']);
  });

  it('a strategy never overrides a constraint or a resource', () => {
    const instances = [instance('full', { remaining: { memory: 100 } }), instance('roomy')];
    const result = placeTasks(
      instances,
      request({ strategy: [{ type: 'binpack', field: 'memory' }] }),
      first,
    );
    expect(ids(result.placements)).toEqual(['roomy']);
  });
});
