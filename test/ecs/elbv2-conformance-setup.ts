import { CreateClusterCommand, RegisterContainerInstanceCommand } from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  type ElasticLoadBalancingV2ServiceException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { expect } from 'vitest';
import { startHarness, type Harness } from './harness';

// The set-up the ELBv2 conformance files share: the real endpoint with a cluster of one
// registered instance, an ELBv2 SDK client on it, and ELB's refusals as the SDK raises them.

export const waiterTiming = { minDelay: 1, maxDelay: 1, maxWaitTime: 60 };
export const elbArnPrefix = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:';

/** The error `promise` rejects with: the SDK's class, HTTP 400, ELB's code and wording. */
export async function refusal(
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

export interface Elbv2World {
  h: Harness;
  elb: ElasticLoadBalancingV2Client;
  /** The EC2 instance id of the cluster's one container instance. */
  instanceId: string;
  createLoadBalancer(
    name: string,
  ): Promise<NonNullable<Awaited<ReturnType<typeof createLoadBalancerIn>>>>;
  createTargetGroup(
    name: string,
    extra?: Record<string, unknown>,
  ): Promise<NonNullable<Awaited<ReturnType<typeof createTargetGroupIn>>>>;
  /** A listener on `port` of the load balancer, forwarding to one target group. */
  createListener(loadBalancerArn: string, port: number, targetGroupArn: string): Promise<void>;
  close(): Promise<void>;
}

const createLoadBalancerIn = (elb: ElasticLoadBalancingV2Client, name: string) =>
  elb.send(new CreateLoadBalancerCommand({ Name: name })).then((out) => out.LoadBalancers![0]!);

const createTargetGroupIn = (
  elb: ElasticLoadBalancingV2Client,
  name: string,
  extra: Record<string, unknown> = {},
) =>
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

export async function openElbv2(): Promise<Elbv2World> {
  const h = await startHarness();
  const elb = new ElasticLoadBalancingV2Client({
    endpoint: h.endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  await h.client.send(new CreateClusterCommand({}));
  const { containerInstance } = await h.client.send(
    new RegisterContainerInstanceCommand({ cluster: 'default' }),
  );
  return {
    h,
    elb,
    instanceId: containerInstance?.ec2InstanceId ?? '',
    createLoadBalancer: (name) => createLoadBalancerIn(elb, name),
    createTargetGroup: (name, extra) => createTargetGroupIn(elb, name, extra),
    createListener: async (loadBalancerArn, port, targetGroupArn) => {
      await elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: loadBalancerArn,
          Protocol: 'HTTP',
          Port: port,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
        }),
      );
    },
    close: async () => {
      elb.destroy();
      await h.close();
    },
  };
}
