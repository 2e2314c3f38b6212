import type { LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import { defineCollection } from '../core/collections';
import { toDate } from '../core/context';

export interface LoadBalancerRecord {
  loadBalancerArn: string;
  name: string;
  dnsName: string;
  scheme: 'internet-facing' | 'internal';
  ipAddressType: 'ipv4' | 'dualstack';
  vpcId: string;
  state: 'provisioning' | 'active';
  availabilityZones: { zoneName: string; subnetId: string }[];
  securityGroups: string[];
  tags: { Key: string; Value?: string }[];
  createdAt: number;
}

export const loadBalancers = defineCollection<LoadBalancerRecord>(
  'loadBalancers',
  (record) => record.loadBalancerArn,
);

/** How long a new load balancer stays `provisioning` (AWS takes minutes; a laptop needn't). */
export const provisioningMs = 2_000;

/** As DescribeLoadBalancers answers it. */
export function loadBalancerView(record: LoadBalancerRecord): LoadBalancer {
  return {
    LoadBalancerArn: record.loadBalancerArn,
    DNSName: record.dnsName,
    CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
    CreatedTime: toDate(record.createdAt),
    LoadBalancerName: record.name,
    Scheme: record.scheme,
    VpcId: record.vpcId,
    State: { Code: record.state },
    Type: 'application',
    AvailabilityZones: record.availabilityZones.map((zone) => ({
      ZoneName: zone.zoneName,
      SubnetId: zone.subnetId,
      LoadBalancerAddresses: [],
    })),
    SecurityGroups: record.securityGroups,
    IpAddressType: record.ipAddressType,
  };
}
