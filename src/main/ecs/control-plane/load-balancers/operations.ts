import type {
  CreateLoadBalancerOutput,
  DescribeLoadBalancersOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Outcome, PlaneContext } from '../core/context';
import type { EcsChange } from '../core/state';
import type { Params } from '../core/params';
import { zoneOfSubnet } from '../tasks/build';
import {
  asElb,
  checkElbName,
  defaultVpcId,
  elbArns,
  elbError,
  pageOf,
  tagsOf,
} from '../elb/common';
import { listeners } from '../listeners/records';
import {
  loadBalancers,
  loadBalancerView,
  provisioningMs,
  type LoadBalancerRecord,
} from './records';

const zoneLetters = ['a', 'b', 'c'];

export const createLoadBalancer = asElb((ctx, input): Outcome<CreateLoadBalancerOutput> => {
  const name = input.requiredString('Name');
  checkElbName(name, 'Load balancer');
  if (name.startsWith('internal-')) {
    throw elbError('ValidationError', "Load balancer name cannot begin with 'internal-'");
  }
  const type = input.oneOf('Type', ['application', 'network', 'gateway']) ?? 'application';
  if (type !== 'application') {
    throw elbError(
      'ValidationError',
      `Load balancers of type '${type}' are not served here: create an application load balancer.`,
    );
  }
  const scheme = input.oneOf('Scheme', ['internet-facing', 'internal']) ?? 'internet-facing';
  const ipAddressType = input.oneOf('IpAddressType', ['ipv4', 'dualstack']) ?? 'ipv4';
  const availabilityZones = zonesOf(ctx, input);
  const securityGroups = input.stringList('SecurityGroups') ?? [];
  const tags = tagsOf(input);
  const existing = loadBalancers.all(ctx.state).find((lb) => lb.name === name);
  if (existing) {
    // As ELB does: the same request again answers the load balancer it made.
    if (existing.scheme === scheme && sameZones(existing.availabilityZones, availabilityZones)) {
      return { result: { LoadBalancers: [loadBalancerView(existing)] }, changes: [] };
    }
    throw elbError(
      'DuplicateLoadBalancerName',
      'A load balancer with the same name already exists',
    );
  }
  const digits = String(Math.floor(ctx.random() * 1e10)).padStart(10, '0');
  const record: LoadBalancerRecord = {
    loadBalancerArn: elbArns.loadBalancer(ctx, name),
    name,
    dnsName:
      `${scheme === 'internal' ? 'internal-' : ''}${name}-${digits}.${ctx.settings.region}.elb.localhost`.toLowerCase(),
    scheme,
    ipAddressType,
    vpcId: defaultVpcId,
    state: 'provisioning',
    availabilityZones,
    securityGroups,
    tags,
    createdAt: ctx.now,
  };
  return {
    result: { LoadBalancers: [loadBalancerView(record)] },
    changes: [loadBalancers.put(record)],
  };
});

/** The subnets asked for (each in the zone its name maps to), or one in each simulated zone. */
function zonesOf(ctx: PlaneContext, input: Params): LoadBalancerRecord['availabilityZones'] {
  const mapped = (input.objectList('SubnetMappings') ?? []).map((m) =>
    m.requiredString('SubnetId'),
  );
  const subnets = [...(input.stringList('Subnets') ?? []), ...mapped];
  if (subnets.length === 0) {
    return zoneLetters.map((letter) => ({
      zoneName: `${ctx.settings.region}${letter}`,
      subnetId: `subnet-0000000000000000${letter}`,
    }));
  }
  const byZone = new Map<string, string>();
  for (const subnet of subnets) {
    const zone = zoneOfSubnet(ctx.settings.region, subnet);
    if (byZone.has(zone)) {
      throw elbError(
        'InvalidConfigurationRequest',
        `A load balancer cannot be attached to multiple subnets in the same Availability Zone`,
      );
    }
    byZone.set(zone, subnet);
  }
  return [...byZone].map(([zoneName, subnetId]) => ({ zoneName, subnetId }));
}

function sameZones(
  a: LoadBalancerRecord['availabilityZones'],
  b: LoadBalancerRecord['availabilityZones'],
): boolean {
  const key = (zones: LoadBalancerRecord['availabilityZones']) =>
    zones
      .map((zone) => zone.subnetId)
      .sort()
      .join(',');
  return key(a) === key(b);
}

export const describeLoadBalancers = asElb((ctx, input): DescribeLoadBalancersOutput => {
  const arns = input.stringList('LoadBalancerArns');
  const names = input.stringList('Names');
  if (arns && names) {
    throw elbError(
      'ValidationError',
      'Load balancer names and load balancer ARNs cannot be specified at the same time',
    );
  }
  const all = loadBalancers.all(ctx.state);
  let chosen = all;
  if (arns) {
    chosen = arns.map((arn) => loadBalancers.get(ctx.state, arn) ?? notFound());
  } else if (names) {
    const missing = names.filter((name) => !all.some((lb) => lb.name === name));
    if (missing.length > 0) {
      throw elbError('LoadBalancerNotFound', `Load balancers '[${missing.join(', ')}]' not found`);
    }
    chosen = all.filter((lb) => names.includes(lb.name));
  }
  const { page, NextMarker } = pageOf(chosen, input);
  return { LoadBalancers: page.map(loadBalancerView), ...(NextMarker && { NextMarker }) };
});

/** Deletes it with its listeners, as ELB does; its target groups stay. */
export const deleteLoadBalancer = asElb((ctx, input): Outcome<object> => {
  const arn = input.requiredString('LoadBalancerArn');
  const record = loadBalancers.get(ctx.state, arn) ?? notFound();
  const changes: EcsChange[] = listeners
    .all(ctx.state)
    .filter((listener) => listener.loadBalancerArn === record.loadBalancerArn)
    .map((listener) => listeners.delete(listener.listenerArn));
  changes.push(loadBalancers.delete(record.loadBalancerArn));
  return { result: {}, changes };
});

export function findLoadBalancer(ctx: PlaneContext, arn: string): LoadBalancerRecord {
  return loadBalancers.get(ctx.state, arn) ?? notFound();
}

function notFound(): never {
  throw elbError('LoadBalancerNotFound', 'One or more load balancers not found');
}

/** Provisioning load balancers become active once they have had their time. */
export function loadBalancersController(ctx: PlaneContext): EcsChange[] {
  return loadBalancers
    .all(ctx.state)
    .filter((lb) => lb.state === 'provisioning' && ctx.now - lb.createdAt >= provisioningMs)
    .map((lb) => loadBalancers.put({ ...lb, state: 'active' }));
}
