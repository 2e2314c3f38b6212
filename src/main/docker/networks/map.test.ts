import { describe, expect, it } from 'vitest';
import recordedContainers from './fixtures/containers.json';
import recordedInspect from './fixtures/network-inspect.json';
import recordedNetworks from './fixtures/networks.json';
import {
  toNetworkDetail,
  toNetworkPrunePreview,
  toNetworkSummaries,
  type RawContainerNetworks,
  type RawNetwork,
} from './map';

// Recorded from Docker 20.10: the three predefined networks and rec-net (10.201.0.0/24,
// attachable), with a running container on it (rec-user), one created on it but never
// started (rec-idle: no NetworkID yet) and an exited one on the default bridge (rec-anon).
const networks = recordedNetworks as unknown as RawNetwork[];
const containers = recordedContainers as unknown as RawContainerNetworks[];

describe('network summaries from the engine', () => {
  const summaries = toNetworkSummaries(networks, containers);
  const byName = new Map(summaries.map((summary) => [summary.name, summary]));

  it('marks bridge, host and none as predefined and nothing else', () => {
    expect(summaries.filter((n) => n.predefined).map((n) => n.name)).toEqual([
      'none',
      'host',
      'bridge',
    ]);
  });

  it('takes subnets and gateways from IPAM, and the flags', () => {
    expect(byName.get('rec-net')).toMatchObject({
      driver: 'bridge',
      scope: 'local',
      subnets: [{ subnet: '10.201.0.0/24', gateway: '10.201.0.1' }],
      attachable: true,
      internal: false,
      ipv6: false,
      labels: { 'dev.stowage.test': '1' },
    });
    expect(byName.get('bridge')?.subnets).toEqual([{ subnet: '172.17.0.0/16' }]);
    expect(byName.get('host')?.subnets).toEqual([]);
  });

  it('attaches containers by network id, and by name those that never ran', () => {
    expect(byName.get('rec-net')?.containers).toEqual([
      { id: expect.stringMatching(/^424ee1f45cf1/), name: 'rec-idle', state: 'created', ipv4: '' },
      {
        id: expect.stringMatching(/^bb2395853f64/),
        name: 'rec-user',
        state: 'running',
        ipv4: '10.201.0.2',
      },
    ]);
    expect(byName.get('bridge')?.containers.map((c) => c.name)).toEqual(['rec-anon']);
    expect(byName.get('none')?.containers).toEqual([]);
  });

  it('gives the inspect answer with its options and raw JSON', () => {
    const detail = toNetworkDetail(recordedInspect as RawNetwork, containers);
    expect(detail.containers.map((c) => c.name)).toEqual(['rec-idle', 'rec-user']);
    expect(detail.options).toEqual({});
    expect(detail.raw).toBe(recordedInspect);
  });

  it('accepts nulls as older engines send them', () => {
    const [summary] = toNetworkSummaries(
      [{ Id: 'n1', Name: 'n', Driver: 'bridge', IPAM: { Config: null }, Labels: null }],
      [{ Id: 'c1', Names: null, NetworkSettings: { Networks: null } }],
    );
    expect(summary).toMatchObject({ subnets: [], labels: {}, containers: [], created: 0 });
  });
});

describe('network prune preview', () => {
  it('offers only networks of your own with nothing attached', () => {
    expect(toNetworkPrunePreview(networks, containers).networks).toEqual([]);
    expect(toNetworkPrunePreview(networks, []).networks.map((n) => n.name)).toEqual(['rec-net']);
  });
});
