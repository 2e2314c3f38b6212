/** Members CreateService and UpdateService share: network configuration and load balancers. */
import type { LoadBalancer, NetworkConfiguration } from '@aws-sdk/client-ecs';
import { EcsApiError } from '../core/ecs-api-error';
import type { Params } from '../core/params';

const invalid = (message: string) => new EcsApiError('InvalidParameterException', message);

/** `awsvpcConfiguration`: 1–16 subnets, at most 5 security groups; public IPs on Fargate only. */
export function readNetworkConfiguration(
  params: Params,
  launchType: 'EC2' | 'FARGATE',
): NetworkConfiguration | undefined {
  const network = params.object('networkConfiguration');
  if (network === undefined) return undefined;
  const awsvpc = network.object('awsvpcConfiguration');
  if (awsvpc === undefined) return {};
  const subnets = awsvpc.requiredStringList('subnets');
  if (subnets.length < 1 || subnets.length > 16) {
    throw invalid('subnets can have at least 1 and at most 16 items.');
  }
  const securityGroups = awsvpc.stringList('securityGroups');
  if (securityGroups !== undefined && securityGroups.length > 5) {
    throw invalid('securityGroups can have at most 5 items.');
  }
  const assignPublicIp = awsvpc.oneOf('assignPublicIp', ['ENABLED', 'DISABLED']);
  if (assignPublicIp === 'ENABLED' && launchType !== 'FARGATE') {
    throw invalid('Assign public IP is not supported for this launch type.');
  }
  return {
    awsvpcConfiguration: {
      subnets: [...subnets],
      ...(securityGroups !== undefined && { securityGroups: [...securityGroups] }),
      assignPublicIp: assignPublicIp ?? 'DISABLED',
    },
  };
}

/**
 * What the task definition's network mode asks of the service's network configuration,
 * checked once the caller has resolved the task definition.
 */
export function checkNetworkConfiguration(
  networkMode: string | undefined,
  network: NetworkConfiguration | undefined,
): void {
  const hasAwsvpc = network?.awsvpcConfiguration !== undefined;
  if (networkMode === 'awsvpc' && !hasAwsvpc) {
    throw invalid("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  }
  if (networkMode !== 'awsvpc' && hasAwsvpc) {
    throw invalid(
      'Network Configuration is not valid for the given networkMode of this task definition.',
    );
  }
}

/** Load balancers are read and kept; traffic to them comes with the load-balancing module. */
export function readLoadBalancers(params: Params): LoadBalancer[] {
  return (params.objectList('loadBalancers') ?? []).map((item) => {
    const targetGroupArn = item.string('targetGroupArn');
    const loadBalancerName = item.string('loadBalancerName');
    if (targetGroupArn === undefined && loadBalancerName === undefined) {
      throw invalid('Either a target group ARN or a load balancer name must be specified.');
    }
    const containerName = item.requiredString('containerName');
    const containerPort = item.integer('containerPort', { min: 0, max: 65535 });
    if (containerPort === undefined) item.requiredString('containerPort');
    const advanced = item.object('advancedConfiguration');
    const advancedConfiguration = advanced && {
      ...optionalString(advanced, 'alternateTargetGroupArn'),
      ...optionalString(advanced, 'productionListenerRule'),
      ...optionalString(advanced, 'testListenerRule'),
      ...optionalString(advanced, 'roleArn'),
    };
    return {
      ...(targetGroupArn !== undefined && { targetGroupArn }),
      ...(loadBalancerName !== undefined && { loadBalancerName }),
      containerName,
      containerPort,
      ...(advancedConfiguration && { advancedConfiguration }),
    };
  });
}

function optionalString<K extends string>(params: Params, member: K): { [P in K]?: string } {
  const value = params.string(member);
  return value === undefined ? {} : ({ [member]: value } as { [P in K]?: string });
}
