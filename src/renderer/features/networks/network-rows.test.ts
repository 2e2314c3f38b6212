import { describe, expect, it } from 'vitest';
import type { NetworkSummary } from '../../../shared';
import {
  connectCandidates,
  matchesSearch,
  nextSort,
  sortNetworkRows,
  toNetworkRow,
} from './network-rows';

const network = (name: string, extra: Partial<NetworkSummary> = {}): NetworkSummary => ({
  id: `${name}`.padEnd(64, '0'),
  name,
  driver: 'bridge',
  scope: 'local',
  created: 0,
  internal: false,
  attachable: false,
  ipv6: false,
  predefined: false,
  subnets: [],
  labels: {},
  containers: [],
  ...extra,
});
const container = (name: string, ipv4 = '') => ({ id: `id-${name}`, name, state: 'running', ipv4 });

describe('network rows', () => {
  const rows = [
    network('bridge', {
      predefined: true,
      subnets: [{ subnet: '172.17.0.0/16' }],
      containers: [container('web', '172.17.0.2'), container('db', '172.17.0.3')],
    }),
    network('app', {
      subnets: [{ subnet: '10.9.0.0/24', gateway: '10.9.0.1' }],
      containers: [container('web', '10.9.0.2')],
    }),
    network('none', { predefined: true, driver: 'null', containers: [container('lonely')] }),
  ].map(toNetworkRow);

  it('shows the subnets and the gateways the engine reports', () => {
    expect(rows[1]).toMatchObject({ subnets: ['10.9.0.0/24'], gateways: ['10.9.0.1'] });
    expect(rows[0]).toMatchObject({ subnets: ['172.17.0.0/16'], gateways: [] });
  });

  it('searches names, subnets, and the attached containers and their addresses', () => {
    const names = (search: string) =>
      rows.filter((row) => matchesSearch(row, search)).map((r) => r.name);
    expect(names('10.9.0.2')).toEqual(['app']);
    expect(names('DB')).toEqual(['bridge']);
    expect(names('172.17')).toEqual(['bridge']);
  });

  it('sorts by the number of containers, busiest first', () => {
    const sort = nextSort({ key: 'name', direction: 'asc' }, 'containers');
    expect(sortNetworkRows(rows, sort).map((row) => row.name)).toEqual(['bridge', 'app', 'none']);
  });

  it('offers every container not yet on the network, once, by name', () => {
    expect(connectCandidates(rows, rows[1]?.id ?? '')).toEqual(['db', 'lonely']);
  });
});
