import type {
  LoadBalancerView,
  TargetGroupView,
  TrafficRun,
} from '../../../../shared/contract/ecs-load-balancing';

export const lbArn = (name: string) =>
  `arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/${name}/0123456789abcdef`;
export const tgArn = (name: string) =>
  `arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/${name}/fedcba9876543210`;
export const listenerArn = (name: string) =>
  `arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/${name}/0123456789abcdef/0000000000000001`;

export function balancer(
  name: string,
  groups: readonly string[],
  extra: Partial<LoadBalancerView['listeners'][number]> = {},
): LoadBalancerView {
  return {
    loadBalancer: {
      LoadBalancerArn: lbArn(name),
      LoadBalancerName: name,
      DNSName: `${name}-1234567890.us-east-1.elb.localhost`,
      State: { Code: 'active' },
    },
    listeners: [
      {
        listener: {
          ListenerArn: listenerArn(name),
          Port: 8080,
          Protocol: 'HTTP',
          DefaultActions: [
            {
              Type: 'forward',
              ForwardConfig: {
                TargetGroups: groups.map((group, index) => ({
                  TargetGroupArn: tgArn(group),
                  Weight: index === 0 ? 80 : 20,
                })),
              },
            },
          ],
        },
        ...extra,
      },
    ],
    endpointUrl: 'http://127.0.0.1:4566',
  };
}

export function targetGroup(
  name: string,
  targets: TargetGroupView['targets'] = [],
  serviceArns: string[] = [],
): TargetGroupView {
  return {
    targetGroup: {
      TargetGroupArn: tgArn(name),
      TargetGroupName: name,
      TargetType: 'ip',
      Port: 80,
      HealthCheckPath: '/health',
      HealthCheckIntervalSeconds: 10,
      HealthyThresholdCount: 3,
      UnhealthyThresholdCount: 2,
      Matcher: { HttpCode: '200' },
    },
    targets,
    serviceArns,
  };
}

export function target(
  id: string,
  state: string,
  reason: string | undefined,
  requests: number,
  errors = 0,
): TargetGroupView['targets'][number] {
  return {
    health: {
      Target: { Id: id, Port: 80, AvailabilityZone: 'us-east-1a' },
      TargetHealth: {
        State: state as 'healthy',
        ...(reason ? { Reason: reason as 'Target.Timeout' } : {}),
      },
    },
    taskArn: `arn:aws:ecs:us-east-1:000000000000:task/demo/${id.replace(/\./g, '')}`,
    requests,
    errors,
  };
}

export function run(extra: Partial<TrafficRun> = {}): TrafficRun {
  return {
    id: 'run-1',
    url: 'http://127.0.0.1:8080/',
    requestsPerSecond: 20,
    startedAt: 1_700_000_000_000,
    sent: 120,
    byStatus: { '200': 118, '503': 2 },
    byTarget: [
      { target: '10.0.0.2:80', responses: 59 },
      { target: '10.0.0.1:80', responses: 59 },
    ],
    latencyMs: { p50: 1.25, p99: 4.5 },
    ...extra,
  };
}
