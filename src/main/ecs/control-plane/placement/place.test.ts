import { describe, expect, it } from 'vitest';
import { placeTasks } from './index';
import { idOf, instance, request, seededRandom, tasksOf } from './test-support';

const first = () => 0;
const ids = (arns: readonly string[]) => arns.map(idOf);

describe('filtering', () => {
  it('places on the only instance that has room', () => {
    const result = placeTasks(
      [instance('a', { remaining: { cpu: 100 } }), instance('b')],
      request(),
      first,
    );
    expect(ids(result.placements)).toEqual(['b']);
    expect(result.failures).toEqual([]);
  });

  it('never places on DRAINING or INACTIVE instances', () => {
    const instances = [
      instance('drain', { status: 'DRAINING' }),
      instance('gone', { status: 'INACTIVE' }),
      instance('ok'),
    ];
    const result = placeTasks(instances, request({ count: 3 }), seededRandom(1));
    expect(ids(result.placements)).toEqual(['ok', 'ok', 'ok']);
  });

  it('says so when no instance is ACTIVE, with nothing to name', () => {
    const result = placeTasks([instance('drain', { status: 'DRAINING' })], request(), first);
    expect(result).toEqual({ placements: [], failures: [], noActiveInstances: true });
  });

  it('fails with RESOURCE:CPU naming the instance short of CPU', () => {
    const result = placeTasks(
      [instance('a', { remaining: { cpu: 128 } })],
      request({ cpu: 256, count: 2 }),
      first,
    );
    expect(result.placements).toEqual([]);
    expect(result.failures).toEqual([
      { arn: instance('a').arn, reason: 'RESOURCE:CPU' },
      { arn: instance('a').arn, reason: 'RESOURCE:CPU' },
    ]);
    expect(result.closest).toEqual({ arn: instance('a').arn, shortfall: 'CPU' });
  });

  it('fails with RESOURCE:MEMORY when the CPU is there but the memory is not', () => {
    const result = placeTasks(
      [
        instance('cpu-short', { remaining: { cpu: 0 } }),
        instance('mem-short', { remaining: { memory: 256 } }),
      ],
      request(),
      first,
    );
    expect(result.failures).toEqual([
      { arn: instance('mem-short').arn, reason: 'RESOURCE:MEMORY' },
    ]);
    expect(result.closest?.shortfall).toBe('MEMORY');
  });

  it('names the instance with the smallest shortfall among equals', () => {
    const result = placeTasks(
      [instance('far', { remaining: { cpu: 10 } }), instance('near', { remaining: { cpu: 200 } })],
      request({ cpu: 256 }),
      first,
    );
    expect(idOf(result.closest!.arn)).toBe('near');
  });

  it('fails with RESOURCE:PORTS when a fixed host port is taken, by protocol', () => {
    const busy = instance('a', { remaining: { tcpPorts: [22, 80], udpPorts: [53] } });
    const tcp = placeTasks([busy], request({ hostPorts: [{ port: 80, protocol: 'tcp' }] }), first);
    expect(tcp.failures).toEqual([{ arn: busy.arn, reason: 'RESOURCE:PORTS' }]);
    const reserved = placeTasks(
      [busy],
      request({ hostPorts: [{ port: 22, protocol: 'tcp' }] }),
      first,
    );
    expect(reserved.failures[0]?.reason).toBe('RESOURCE:PORTS');
    const udp = placeTasks([busy], request({ hostPorts: [{ port: 80, protocol: 'udp' }] }), first);
    expect(ids(udp.placements)).toEqual(['a']);
    const udpBusy = placeTasks(
      [busy],
      request({ hostPorts: [{ port: 53, protocol: 'udp' }] }),
      first,
    );
    expect(udpBusy.failures[0]?.reason).toBe('RESOURCE:PORTS');
  });

  it('needs nothing free for a dynamic host port', () => {
    const result = placeTasks(
      [instance('a')],
      request({ hostPorts: [{ port: 0, protocol: 'tcp' }], count: 3 }),
      first,
    );
    expect(ids(result.placements)).toEqual(['a', 'a', 'a']);
  });

  it('takes a fixed port for the next task of the same call', () => {
    const result = placeTasks(
      [instance('a'), instance('b')],
      request({ hostPorts: [{ port: 8080, protocol: 'tcp' }], count: 3 }),
      first,
    );
    expect(ids(result.placements)).toEqual(['a', 'b']);
    expect(result.failures).toEqual([{ arn: instance('a').arn, reason: 'RESOURCE:PORTS' }]);
  });

  it('fails with AGENT when only disconnected agents remain', () => {
    const result = placeTasks(
      [instance('a', { agentConnected: false }), instance('b', { agentConnected: false })],
      request(),
      first,
    );
    expect(result.failures).toEqual([{ arn: instance('a').arn, reason: 'AGENT' }]);
    expect(result.closest?.shortfall).toBe('AGENT');
  });

  it('prefers naming a connected instance short of resources over a disconnected one', () => {
    const result = placeTasks(
      [instance('lost', { agentConnected: false }), instance('full', { remaining: { memory: 1 } })],
      request(),
      first,
    );
    expect(result.failures).toEqual([{ arn: instance('full').arn, reason: 'RESOURCE:MEMORY' }]);
  });

  it('places some and fails the rest when the count exceeds the capacity', () => {
    const result = placeTasks(
      [instance('a', { remaining: { cpu: 1024 } })],
      request({ cpu: 512, count: 4 }),
      first,
    );
    expect(ids(result.placements)).toEqual(['a', 'a']);
    expect(result.failures).toHaveLength(2);
    expect(result.failures.every((failure) => failure.reason === 'RESOURCE:CPU')).toBe(true);
  });

  it('leaves the caller\u2019s instances untouched', () => {
    const instances = [instance('a')];
    const before = structuredClone(instances);
    placeTasks(instances, request({ count: 3, hostPorts: [{ port: 80, protocol: 'tcp' }] }), first);
    expect(instances).toEqual(before);
  });
});

describe('group counts kept by the caller', () => {
  it('reads taskCountByGroup instead of counting the tasks', () => {
    const counted = [
      instance('a', { tasks: tasksOf('service:web', 2) }),
      instance('b', { tasks: tasksOf('service:web', 1) }),
    ];
    const kept = counted.map((each) => ({
      ...each,
      taskCountByGroup: new Map([['service:web', each.tasks.length]]),
    }));
    const spread = request({
      group: 'service:web',
      count: 3,
      strategy: [{ type: 'spread', field: 'instanceId' }],
    });
    const expected = ['b', 'a', 'b'];
    expect(ids(placeTasks(counted, spread, () => 0).placements)).toEqual(expected);
    expect(ids(placeTasks(kept, spread, () => 0).placements)).toEqual(expected);
    // The counts are what placement goes by: said otherwise, it places otherwise.
    kept[1] = { ...kept[1]!, taskCountByGroup: new Map([['service:web', 5]]) };
    expect(ids(placeTasks(kept, spread, () => 0).placements)).toEqual(['a', 'a', 'a']);
  });
});

describe('a task definition\u2019s constraints beside the request\u2019s', () => {
  it('takes more than the ten a request may name', () => {
    const constraints = Array.from({ length: 12 }, () => ({
      type: 'memberOf' as const,
      expression: 'attribute:ecs.os-type == linux',
    }));
    expect(ids(placeTasks([instance('a')], request({ constraints }), first).placements)).toEqual([
      'a',
    ]);
  });
});
