import { CreateClusterCommand, RegisterContainerInstanceCommand } from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  DuplicateListenerException,
  DuplicateLoadBalancerNameException,
  DuplicateTargetGroupNameException,
  ElasticLoadBalancingV2Client,
  ElasticLoadBalancingV2ServiceException,
  InvalidTargetException,
  ListenerNotFoundException,
  LoadBalancerNotFoundException,
  ModifyListenerCommand,
  ModifyTargetGroupAttributesCommand,
  DescribeTargetGroupAttributesCommand,
  OperationNotPermittedException,
  RegisterTargetsCommand,
  ResourceInUseException,
  TargetGroupAssociationLimitException,
  TargetGroupNotFoundException,
  DescribeSSLPoliciesCommand,
  waitUntilLoadBalancerAvailable,
  waitUntilTargetInService,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

// ELBv2 through the real SDK client against the real endpoint (AWS Query, XML answers): every
// operation the endpoint serves, its errors as the SDK's exception classes with ELB's
// wording, and both waiters while simulated time moves on and target health is reported as
// the data plane reports it.

const waiterTiming = { minDelay: 1, maxDelay: 1, maxWaitTime: 60 };
const elbArnPrefix = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:';

/** The error `promise` rejects with: the SDK's class, HTTP 400, ELB's code and wording. */
async function refusal(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => ElasticLoadBalancingV2ServiceException,
  message: string | RegExp,
  code?: string,
): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(type);
  const failure = error as ElasticLoadBalancingV2ServiceException;
  expect(failure.$metadata.httpStatusCode).toBe(400);
  expect(failure.message).toMatch(message);
  if (code !== undefined) expect(failure.name).toBe(code);
}

describe('ELBv2 conformance', () => {
  let h: Harness;
  let elb: ElasticLoadBalancingV2Client;
  let instanceId: string;

  beforeAll(async () => {
    h = await startHarness();
    elb = new ElasticLoadBalancingV2Client({
      endpoint: h.endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    await h.client.send(new CreateClusterCommand({}));
    const { containerInstance } = await h.client.send(
      new RegisterContainerInstanceCommand({ cluster: 'default' }),
    );
    instanceId = containerInstance?.ec2InstanceId ?? '';
  });
  afterAll(async () => {
    elb.destroy();
    await h.close();
  });

  const createLoadBalancer = (name: string) =>
    elb.send(new CreateLoadBalancerCommand({ Name: name })).then((out) => out.LoadBalancers![0]!);
  const createTargetGroup = (name: string, extra: Record<string, unknown> = {}) =>
    elb
      .send(
        new CreateTargetGroupCommand({
          Name: name,
          Protocol: 'HTTP',
          Port: 80,
          TargetType: 'ip',
          ...extra,
        }),
      )
      .then((out) => out.TargetGroups![0]!);

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

  it('creates target groups with ELB defaults and refuses bad health checks', async () => {
    const group = await createTargetGroup('web-blue');
    expect(group).toMatchObject({
      TargetGroupName: 'web-blue',
      Protocol: 'HTTP',
      Port: 80,
      TargetType: 'ip',
      HealthCheckPath: '/',
      HealthCheckPort: 'traffic-port',
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 5,
      UnhealthyThresholdCount: 2,
      HealthCheckEnabled: true,
      Matcher: { HttpCode: '200' },
      LoadBalancerArns: [],
    });
    expect(group.TargetGroupArn).toMatch(
      new RegExp(`^${elbArnPrefix}targetgroup/web-blue/[0-9a-f]{16}$`),
    );
    await refusal(
      createTargetGroup('web-blue', { Port: 8080 }),
      DuplicateTargetGroupNameException,
      'A target group with the same name exists, but with different settings',
    );
    await refusal(
      createTargetGroup('slow', { HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 6 }),
      ElasticLoadBalancingV2ServiceException,
      "Health check timeout '6' must be smaller than the interval '5'",
      'ValidationError',
    );
    await refusal(
      createTargetGroup('codes', { Matcher: { HttpCode: '100' } }),
      ElasticLoadBalancingV2ServiceException,
      /must be within '200-499' code range/,
      'ValidationError',
    );
    await refusal(
      elb.send(
        new DescribeTargetGroupsCommand({
          TargetGroupArns: [`${elbArnPrefix}targetgroup/x/0000000000000000`],
        }),
      ),
      TargetGroupNotFoundException,
      'One or more target groups not found',
    );
  });

  it('forwards a listener to one target group, then weighted over two', async () => {
    const { LoadBalancers } = await elb.send(new DescribeLoadBalancersCommand({ Names: ['web'] }));
    const lbArn = LoadBalancers![0]!.LoadBalancerArn!;
    const blue = (await elb.send(new DescribeTargetGroupsCommand({ Names: ['web-blue'] })))
      .TargetGroups![0]!;
    const green = await createTargetGroup('web-green');
    const { Listeners } = await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: lbArn,
        Protocol: 'HTTP',
        Port: 8080,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: blue.TargetGroupArn }],
      }),
    );
    const listener = Listeners![0]!;
    expect(listener).toMatchObject({ LoadBalancerArn: lbArn, Port: 8080, Protocol: 'HTTP' });
    expect(listener.ListenerArn).toMatch(/:listener\/app\/web\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
    expect(listener.DefaultActions?.[0]).toMatchObject({
      Type: 'forward',
      TargetGroupArn: blue.TargetGroupArn,
    });
    const described = await elb.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lbArn }));
    expect(described.TargetGroups?.map((g) => g.TargetGroupName)).toEqual(['web-blue']);
    expect(described.TargetGroups?.[0]?.LoadBalancerArns).toEqual([lbArn]);

    const modified = await elb.send(
      new ModifyListenerCommand({
        ListenerArn: listener.ListenerArn,
        DefaultActions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: blue.TargetGroupArn, Weight: 80 },
                { TargetGroupArn: green.TargetGroupArn, Weight: 20 },
              ],
            },
          },
        ],
      }),
    );
    expect(modified.Listeners?.[0]?.DefaultActions?.[0]?.ForwardConfig?.TargetGroups).toEqual([
      { TargetGroupArn: blue.TargetGroupArn, Weight: 80 },
      { TargetGroupArn: green.TargetGroupArn, Weight: 20 },
    ]);
    const byLb = await elb.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }));
    expect(byLb.Listeners?.map((l) => l.Port)).toEqual([8080]);

    await refusal(
      elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: lbArn,
          Protocol: 'HTTP',
          Port: 8080,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: green.TargetGroupArn }],
        }),
      ),
      DuplicateListenerException,
      'A listener already exists on this port for this load balancer',
    );
    await refusal(
      elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: blue.TargetGroupArn })),
      ResourceInUseException,
      `Target group '${blue.TargetGroupArn}' is currently in use by a listener or a rule`,
    );
    const api = (await elb.send(new DescribeLoadBalancersCommand({ Names: ['api'] })))
      .LoadBalancers![0]!;
    await refusal(
      elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: api.LoadBalancerArn,
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: blue.TargetGroupArn }],
        }),
      ),
      TargetGroupAssociationLimitException,
      /cannot be associated with more than one load balancer/,
    );
    await refusal(
      elb.send(new DescribeListenersCommand({ ListenerArns: [`${listener.ListenerArn}0`] })),
      ListenerNotFoundException,
      'One or more listeners not found',
    );
  });

  it(
    'registers targets, and the waiter sees them in service once health checks pass',
    {
      timeout: 60_000,
    },
    async () => {
      const blue = (await elb.send(new DescribeTargetGroupsCommand({ Names: ['web-blue'] })))
        .TargetGroups![0]!;
      const arn = blue.TargetGroupArn!;
      await elb.send(
        new RegisterTargetsCommand({
          TargetGroupArn: arn,
          Targets: [{ Id: '10.0.0.5' }, { Id: '10.0.0.6', Port: 8080 }],
        }),
      );
      const health = async () =>
        (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn })))
          .TargetHealthDescriptions ?? [];
      expect((await health())[0]).toEqual({
        Target: { Id: '10.0.0.5', Port: 80 },
        HealthCheckPort: '80',
        TargetHealth: {
          State: 'initial',
          Reason: 'Elb.RegistrationInProgress',
          Description: 'Target registration is in progress',
        },
      });
      h.clock.advance(1_000);
      await h.controlPlane.tick();
      expect((await health())[1]?.TargetHealth?.Reason).toBe('Elb.InitialHealthChecking');

      const waiter = waitUntilTargetInService(
        { client: elb, ...waiterTiming },
        { TargetGroupArn: arn, Targets: [{ Id: '10.0.0.5', Port: 80 }] },
      );
      h.controlPlane.report({
        kind: 'target.health',
        targetGroupArn: arn,
        targetId: '10.0.0.5',
        port: 80,
        state: 'healthy',
        at: h.clock.now(),
      });
      h.controlPlane.report({
        kind: 'target.health',
        targetGroupArn: arn,
        targetId: '10.0.0.6',
        port: 8080,
        state: 'unhealthy',
        reason: 'Target.Timeout',
        at: h.clock.now(),
      });
      await h.advanceUntil(async () => (await health())[0]?.TargetHealth?.State === 'healthy', {
        what: 'the target healthy',
        withinMs: 10_000,
      });
      expect((await waiter).state).toBe('SUCCESS');
      expect((await health())[1]?.TargetHealth).toEqual({
        State: 'unhealthy',
        Reason: 'Target.Timeout',
        Description: 'Request timed out',
      });
      const asked = await elb.send(
        new DescribeTargetHealthCommand({
          TargetGroupArn: arn,
          Targets: [{ Id: '10.9.9.9', Port: 80 }],
        }),
      );
      expect(asked.TargetHealthDescriptions?.[0]?.TargetHealth?.Reason).toBe(
        'Target.NotRegistered',
      );

      await elb.send(
        new DeregisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: '10.0.0.5' }] }),
      );
      expect((await health())[0]?.TargetHealth).toMatchObject({
        State: 'draining',
        Reason: 'Target.DeregistrationInProgress',
      });
      // Still draining just before the 300 s deregistration delay is over, gone after it.
      h.clock.advance(299_000);
      await h.controlPlane.tick();
      expect(await health()).toHaveLength(2);
      await h.advanceUntil(async () => (await health()).length === 1, {
        what: 'the drained target gone',
        withinMs: 5_000,
      });
      await refusal(
        elb.send(
          new DeregisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: '10.0.0.5' }] }),
        ),
        InvalidTargetException,
        /not registered in target group 'web-blue'/,
      );
      await refusal(
        elb.send(new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: 'i-0123' }] })),
        ElasticLoadBalancingV2ServiceException,
        "The IP address 'i-0123' is not a valid IPv4 address",
        'ValidationError',
      );
    },
  );

  it('registers instance targets of the cluster only, and marks unused groups', async () => {
    const group = await createTargetGroup('by-instance', { TargetType: 'instance' });
    await elb.send(
      new RegisterTargetsCommand({
        TargetGroupArn: group.TargetGroupArn,
        Targets: [{ Id: instanceId, Port: 32768 }],
      }),
    );
    const { TargetHealthDescriptions } = await elb.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn }),
    );
    expect(TargetHealthDescriptions?.[0]?.TargetHealth).toMatchObject({
      State: 'unused',
      Reason: 'Target.NotInUse',
    });
    await refusal(
      elb.send(
        new RegisterTargetsCommand({
          TargetGroupArn: group.TargetGroupArn,
          Targets: [{ Id: 'i-00000000deadbeef' }],
        }),
      ),
      InvalidTargetException,
      "The following targets are not valid instances: 'i-00000000deadbeef'",
    );
    await elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: group.TargetGroupArn }));
    await refusal(
      elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn })),
      TargetGroupNotFoundException,
      'One or more target groups not found',
    );
  });

  it('deletes a listener, and a load balancer with its listeners', async () => {
    const { LoadBalancers } = await elb.send(new DescribeLoadBalancersCommand({ Names: ['web'] }));
    const lbArn = LoadBalancers![0]!.LoadBalancerArn!;
    const green = (await elb.send(new DescribeTargetGroupsCommand({ Names: ['web-green'] })))
      .TargetGroups![0]!;
    const { Listeners } = await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: lbArn,
        Protocol: 'HTTP',
        Port: 9090,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: green.TargetGroupArn }],
      }),
    );
    await elb.send(new DeleteListenerCommand({ ListenerArn: Listeners![0]!.ListenerArn }));
    await refusal(
      elb.send(new DeleteListenerCommand({ ListenerArn: Listeners![0]!.ListenerArn })),
      ListenerNotFoundException,
      'One or more listeners not found',
    );
    await elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lbArn }));
    await refusal(
      elb.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn })),
      LoadBalancerNotFoundException,
      'One or more load balancers not found',
    );
    // Its listener went with it, so the target group may go now.
    const blue = (await elb.send(new DescribeTargetGroupsCommand({ Names: ['web-blue'] })))
      .TargetGroups![0]!;
    expect(blue.LoadBalancerArns).toEqual([]);
    await elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: blue.TargetGroupArn }));
  });

  it('shortens the deregistration delay through the target group attributes', async () => {
    const group = await createTargetGroup('quick');
    const arn = group.TargetGroupArn!;
    const { Attributes } = await elb.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: arn,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '5' }],
      }),
    );
    expect(Attributes).toContainEqual({ Key: 'deregistration_delay.timeout_seconds', Value: '5' });
    const described = await elb.send(
      new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }),
    );
    expect(described.Attributes).toContainEqual({ Key: 'stickiness.enabled', Value: 'false' });
    await elb.send(
      new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: '10.0.1.1' }] }),
    );
    await elb.send(
      new DeregisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: '10.0.1.1' }] }),
    );
    const started = h.clock.now();
    await h.advanceUntil(
      async () =>
        (
          (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn })))
            .TargetHealthDescriptions ?? []
        ).length === 0,
      { what: 'the target drained', withinMs: 10_000 },
    );
    expect(h.clock.now() - started).toBeGreaterThanOrEqual(5_000);
    await refusal(
      elb.send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: arn,
          Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '3601' }],
        }),
      ),
      ElasticLoadBalancingV2ServiceException,
      "'3601' must be an integer from 0 to 3600 for 'deregistration_delay.timeout_seconds'",
      'ValidationError',
    );
    await refusal(
      elb.send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: arn,
          Attributes: [{ Key: 'nonsense', Value: '1' }],
        }),
      ),
      ElasticLoadBalancingV2ServiceException,
      "Target group attribute key 'nonsense' is not recognized",
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
