import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreateLoadBalancerCommand,
  DescribeLoadBalancersCommand,
  DuplicateLoadBalancerNameException,
  ElasticLoadBalancingV2ServiceException,
  LoadBalancerNotFoundException,
  OperationNotPermittedException,
  DescribeSSLPoliciesCommand,
  waitUntilLoadBalancerAvailable,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  refusal,
  waiterTiming,
  elbArnPrefix,
  openElbv2,
  type Elbv2World,
} from './elbv2-conformance-setup';
import type { Harness } from './harness';

// Load balancers through the real SDK client against the real endpoint (AWS Query, XML
// answers): create and the available waiter, describe by name, ARN and page, ELB's errors, and
// an operation not served told from one that does not exist.

describe('ELBv2 conformance: load balancers', () => {
  let world: Elbv2World;
  let h: Harness;
  let elb: ElasticLoadBalancingV2Client;
  beforeAll(async () => {
    world = await openElbv2();
    ({ h, elb } = world);
  });
  afterAll(() => world.close());

  const createLoadBalancer: Elbv2World['createLoadBalancer'] = (...args) =>
    world.createLoadBalancer(...args);

  it('creates a load balancer that the waiter sees become active', async () => {
    const lb = await createLoadBalancer('web');
    expect(lb).toMatchObject({
      LoadBalancerName: 'web',
      Type: 'application',
      Scheme: 'internet-facing',
      State: { Code: 'provisioning' },
      IpAddressType: 'ipv4',
    });
    expect(lb.LoadBalancerArn).toMatch(
      new RegExp(`^${elbArnPrefix}loadbalancer/app/web/[0-9a-f]{16}$`),
    );
    expect(lb.DNSName).toMatch(/^web-\d{10}\.us-east-1\.elb\.localhost$/);
    expect(lb.CreatedTime).toBeInstanceOf(Date);
    expect(lb.AvailabilityZones?.map((zone) => zone.ZoneName)).toEqual([
      'us-east-1a',
      'us-east-1b',
      'us-east-1c',
    ]);
    const waiter = waitUntilLoadBalancerAvailable(
      { client: elb, ...waiterTiming },
      { Names: ['web'] },
    );
    await h.advanceUntil(
      async () => {
        const { LoadBalancers } = await elb.send(
          new DescribeLoadBalancersCommand({ Names: ['web'] }),
        );
        return LoadBalancers?.[0]?.State?.Code === 'active';
      },
      { what: 'the load balancer active', withinMs: 30_000 },
    );
    expect((await waiter).state).toBe('SUCCESS');
    // The same request again answers the same load balancer.
    expect((await createLoadBalancer('web')).LoadBalancerArn).toBe(lb.LoadBalancerArn);
  });

  it('describes load balancers by name, by ARN and page by page', async () => {
    const second = await createLoadBalancer('api');
    const byArn = await elb.send(
      new DescribeLoadBalancersCommand({ LoadBalancerArns: [second.LoadBalancerArn!] }),
    );
    expect(byArn.LoadBalancers?.map((lb) => lb.LoadBalancerName)).toEqual(['api']);
    const first = await elb.send(new DescribeLoadBalancersCommand({ PageSize: 1 }));
    expect(first.LoadBalancers).toHaveLength(1);
    expect(first.NextMarker).toBeDefined();
    const rest = await elb.send(new DescribeLoadBalancersCommand({ Marker: first.NextMarker }));
    expect(rest.LoadBalancers?.map((lb) => lb.LoadBalancerName)).toEqual(['api']);
    await refusal(
      elb.send(new DescribeLoadBalancersCommand({ Names: ['nope'] })),
      LoadBalancerNotFoundException,
      "Load balancers '[nope]' not found",
    );
    await refusal(
      elb.send(new CreateLoadBalancerCommand({ Name: 'api', Scheme: 'internal' })),
      DuplicateLoadBalancerNameException,
      'A load balancer with the same name already exists',
    );
    await refusal(
      elb.send(new CreateLoadBalancerCommand({ Name: '-bad-' })),
      ElasticLoadBalancingV2ServiceException,
      "Load balancer name '-bad-' cannot begin or end with '-'",
      'ValidationError',
    );
  });

  it('tells an operation it does not serve from one that does not exist', async () => {
    await refusal(
      elb.send(new DescribeSSLPoliciesCommand({})),
      OperationNotPermittedException,
      'Stowage does not implement DescribeSSLPolicies yet.',
    );
    const response = await fetch(h.endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE0000000/20260101/us-east-1/elasticloadbalancing/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: 'Action=Nothing&Version=2015-12-01',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('<Code>InvalidAction</Code>');
    expect(text).toContain('http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/');
  });
});
