import type {
  AdvancedConfiguration,
  DeploymentConfiguration,
  DeploymentStrategy,
  LoadBalancer,
  ServiceDeploymentLifecycleStage,
} from '@aws-sdk/client-ecs';
import {
  defaultListenerRuleArn,
  type EcsService,
  type EcsServiceDeployment,
} from '../../../../shared';
import type { ElbListener, LoadBalancerView } from '../../../../shared/contract/ecs-load-balancing';
import { forwardWeights } from '../load-balancing/elb-form';

export const deploymentStrategies = [
  'ROLLING',
  'BLUE_GREEN',
  'LINEAR',
  'CANARY',
] as const satisfies readonly DeploymentStrategy[];

/** What each strategy does, in one line. */
export const strategyHelp: Record<DeploymentStrategy, string> = {
  ROLLING: 'Replaces tasks a few at a time, within the minimum and maximum percent.',
  BLUE_GREEN:
    'Starts the new revision beside the old one, then moves all production traffic at once.',
  LINEAR: 'Moves production traffic to the new revision in equal steps, baking after each.',
  CANARY: 'Moves a small share of production traffic first, then the rest after a bake time.',
};

export const strategyLabels: Record<DeploymentStrategy, string> = {
  ROLLING: 'Rolling',
  BLUE_GREEN: 'Blue/green',
  LINEAR: 'Linear',
  CANARY: 'Canary',
};

/** The strategy editor's fields, as typed. */
export interface DeploymentStrategyValue {
  strategy: DeploymentStrategy;
  bakeTimeInMinutes: string;
  stepPercent: string;
  stepBakeTimeInMinutes: string;
  canaryPercent: string;
  canaryBakeTimeInMinutes: string;
  alternateTargetGroupArn: string;
  /** A listener's ARN; its default rule is what the request names. */
  productionListenerArn: string;
  /** Empty: no test listener. */
  testListenerArn: string;
  /** The IAM role ECS manages the load balancer with (required by ECS; checked for its form). */
  roleArn: string;
}

export type StrategyProblems = Partial<Record<keyof DeploymentStrategyValue, string>>;

/** ECS's defaults: linear 10 % every 6 minutes, canary 5 % for 10 minutes. */
export function initialStrategyValue(): DeploymentStrategyValue {
  return {
    strategy: 'ROLLING',
    bakeTimeInMinutes: '5',
    stepPercent: '10',
    stepBakeTimeInMinutes: '6',
    canaryPercent: '5',
    canaryBakeTimeInMinutes: '10',
    alternateTargetGroupArn: '',
    productionListenerArn: '',
    testListenerArn: '',
    roleArn: defaultLoadBalancerRoleArn,
  };
}

/** The role ECS's console proposes for blue/green deployments, in the simulated account. */
export const defaultLoadBalancerRoleArn =
  'arn:aws:iam::000000000000:role/ecsInfrastructureRoleForLoadBalancers';

const roleArnPattern = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

const maxBakeMinutes = 1440;

const wholeIn = (text: string, min: number, max: number) => {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max;
};

/** A multiple of 0.1 in [min, max], as ECS takes its traffic percentages. */
const tenthsIn = (text: string, min: number, max: number) => {
  const value = Number(text);
  return (
    text.trim() !== '' &&
    Number.isFinite(value) &&
    Math.abs(value * 10 - Math.round(value * 10)) < 1e-9 &&
    value >= min &&
    value <= max
  );
};

export const usesLoadBalancer = (strategy: DeploymentStrategy) => strategy !== 'ROLLING';

/** What the strategy needs around it: the service's load balancer as the form has it. */
export interface StrategyContext {
  daemon: boolean;
  /** The service's (primary) target group; empty without a load balancer. */
  primaryTargetGroupArn: string;
  /** ARNs of the target groups to choose the alternate from. */
  targetGroupArns: readonly string[];
  /** ARNs of the listeners to choose from. */
  listenerArns: readonly string[];
}

/** What ECS would refuse in the strategy, by field; empty when it can be sent. */
export function strategyProblems(
  value: DeploymentStrategyValue,
  context: StrategyContext,
): StrategyProblems {
  const problems: StrategyProblems = {};
  if (!usesLoadBalancer(value.strategy)) return problems;
  const name = strategyLabels[value.strategy].toLowerCase();
  if (context.daemon) {
    problems.strategy = `A DAEMON service deploys only ROLLING: ${name} needs a REPLICA service.`;
    return problems;
  }
  if (context.primaryTargetGroupArn === '') {
    problems.strategy = `A ${name} deployment shifts traffic through a load balancer: put the service behind one first.`;
    return problems;
  }
  if (!wholeIn(value.bakeTimeInMinutes, 0, maxBakeMinutes)) {
    problems.bakeTimeInMinutes = `Whole minutes from 0 to ${maxBakeMinutes}.`;
  }
  if (value.strategy === 'LINEAR') {
    if (!tenthsIn(value.stepPercent, 3, 100)) {
      problems.stepPercent = 'A multiple of 0.1 from 3.0 to 100.0.';
    }
    if (!wholeIn(value.stepBakeTimeInMinutes, 0, maxBakeMinutes)) {
      problems.stepBakeTimeInMinutes = `Whole minutes from 0 to ${maxBakeMinutes}.`;
    }
  }
  if (value.strategy === 'CANARY') {
    if (!tenthsIn(value.canaryPercent, 0.1, 100)) {
      problems.canaryPercent = 'A multiple of 0.1 from 0.1 to 100.0.';
    }
    if (!wholeIn(value.canaryBakeTimeInMinutes, 0, maxBakeMinutes)) {
      problems.canaryBakeTimeInMinutes = `Whole minutes from 0 to ${maxBakeMinutes}.`;
    }
  }
  if (!roleArnPattern.test(value.roleArn.trim())) {
    problems.roleArn = 'The ARN of an IAM role: arn:aws:iam::<account>:role/<name>.';
  }
  if (value.alternateTargetGroupArn === '') {
    problems.alternateTargetGroupArn =
      'Choose the alternate target group the new revision starts in.';
  } else if (value.alternateTargetGroupArn === context.primaryTargetGroupArn) {
    problems.alternateTargetGroupArn =
      'The alternate target group must differ from the service’s target group.';
  } else if (!context.targetGroupArns.includes(value.alternateTargetGroupArn)) {
    problems.alternateTargetGroupArn = 'That target group does not exist (any more).';
  }
  if (value.productionListenerArn === '') {
    problems.productionListenerArn = 'Choose the listener whose traffic moves to the new revision.';
  } else if (!context.listenerArns.includes(value.productionListenerArn)) {
    problems.productionListenerArn = 'That listener does not exist (any more).';
  }
  if (value.testListenerArn !== '') {
    if (value.testListenerArn === value.productionListenerArn) {
      problems.testListenerArn = 'The test listener must differ from the production listener.';
    } else if (!context.listenerArns.includes(value.testListenerArn)) {
      problems.testListenerArn = 'That listener does not exist (any more).';
    }
  }
  return problems;
}

/** The strategy's members of `deploymentConfiguration`, as the SDK names them. */
export function strategyConfiguration(value: DeploymentStrategyValue): DeploymentConfiguration {
  if (!usesLoadBalancer(value.strategy)) return { strategy: value.strategy };
  return {
    strategy: value.strategy,
    bakeTimeInMinutes: Number(value.bakeTimeInMinutes),
    ...(value.strategy === 'LINEAR'
      ? {
          linearConfiguration: {
            stepPercent: Number(value.stepPercent),
            stepBakeTimeInMinutes: Number(value.stepBakeTimeInMinutes),
          },
        }
      : {}),
    ...(value.strategy === 'CANARY'
      ? {
          canaryConfiguration: {
            canaryPercent: Number(value.canaryPercent),
            canaryBakeTimeInMinutes: Number(value.canaryBakeTimeInMinutes),
          },
        }
      : {}),
  };
}

/** A load balancer entry's `advancedConfiguration`; undefined for ROLLING. */
export function advancedConfiguration(
  value: DeploymentStrategyValue,
): AdvancedConfiguration | undefined {
  if (!usesLoadBalancer(value.strategy)) return undefined;
  return {
    alternateTargetGroupArn: value.alternateTargetGroupArn,
    productionListenerRule: defaultListenerRuleArn(value.productionListenerArn),
    roleArn: value.roleArn.trim(),
    ...(value.testListenerArn === ''
      ? {}
      : { testListenerRule: defaultListenerRuleArn(value.testListenerArn) }),
  };
}

/** A listener to choose, named by its load balancer, protocol and port. */
export interface ListenerChoice {
  listenerArn: string;
  label: string;
  /** Whether its default action forwards to the service's target group. */
  forwardsToPrimary: boolean;
}

/**
 * The listeners of the load balancers in front of the service's target group (all listeners
 * when none is yet), those that forward to it first.
 */
export function listenerChoices(
  balancers: readonly LoadBalancerView[],
  primaryTargetGroupArn: string,
): ListenerChoice[] {
  const forwardsTo = (listener: ElbListener, arn: string) =>
    forwardWeights(listener).some((weight) => weight.targetGroupArn === arn);
  const fronting = balancers.filter((view) =>
    view.listeners.some((item) => forwardsTo(item.listener, primaryTargetGroupArn)),
  );
  const choices = (fronting.length > 0 ? fronting : balancers).flatMap((view) =>
    view.listeners.map((item) => ({
      listenerArn: item.listener.ListenerArn ?? '',
      label: `${view.loadBalancer.LoadBalancerName ?? ''} · ${item.listener.Protocol ?? 'HTTP'}:${item.listener.Port ?? ''}`,
      forwardsToPrimary: forwardsTo(item.listener, primaryTargetGroupArn),
    })),
  );
  return [
    ...choices.filter((choice) => choice.forwardsToPrimary),
    ...choices.filter((choice) => !choice.forwardsToPrimary),
  ];
}

/**
 * The value with the choices the form has not made yet filled in: the first other target
 * group as the alternate, the first listener forwarding to the service's group as production.
 */
export function withStrategyDefaults<Value extends DeploymentStrategyValue>(
  value: Value,
  primaryTargetGroupArn: string,
  targetGroupArns: readonly string[],
  listeners: readonly ListenerChoice[],
): Value {
  if (!usesLoadBalancer(value.strategy)) return value;
  return {
    ...value,
    alternateTargetGroupArn:
      value.alternateTargetGroupArn ||
      (targetGroupArns.find((arn) => arn !== primaryTargetGroupArn) ?? ''),
    productionListenerArn:
      value.productionListenerArn ||
      (listeners.find((choice) => choice.forwardsToPrimary)?.listenerArn ?? ''),
  };
}

/** The listener whose default rule `rule` names, among `balancers`. */
export function listenerOfRule(
  balancers: readonly LoadBalancerView[],
  rule: string | undefined,
): { view: LoadBalancerView; listener: ElbListener } | undefined {
  if (!rule) return undefined;
  for (const view of balancers) {
    for (const item of view.listeners) {
      const arn = item.listener.ListenerArn;
      if (arn && defaultListenerRuleArn(arn) === rule) return { view, listener: item.listener };
    }
  }
  return undefined;
}

/** The editor's value for a service as it is configured now. */
export function strategyOfService(
  service: EcsService,
  balancers: readonly LoadBalancerView[],
): DeploymentStrategyValue {
  const initial = initialStrategyValue();
  const configuration = service.deploymentConfiguration;
  const advanced = service.loadBalancers?.[0]?.advancedConfiguration;
  return {
    strategy: configuration?.strategy ?? 'ROLLING',
    bakeTimeInMinutes: String(configuration?.bakeTimeInMinutes ?? initial.bakeTimeInMinutes),
    stepPercent: String(configuration?.linearConfiguration?.stepPercent ?? initial.stepPercent),
    stepBakeTimeInMinutes: String(
      configuration?.linearConfiguration?.stepBakeTimeInMinutes ?? initial.stepBakeTimeInMinutes,
    ),
    canaryPercent: String(
      configuration?.canaryConfiguration?.canaryPercent ?? initial.canaryPercent,
    ),
    canaryBakeTimeInMinutes: String(
      configuration?.canaryConfiguration?.canaryBakeTimeInMinutes ??
        initial.canaryBakeTimeInMinutes,
    ),
    alternateTargetGroupArn: advanced?.alternateTargetGroupArn ?? '',
    productionListenerArn:
      listenerOfRule(balancers, advanced?.productionListenerRule)?.listener.ListenerArn ?? '',
    testListenerArn:
      listenerOfRule(balancers, advanced?.testListenerRule)?.listener.ListenerArn ?? '',
    roleArn: advanced?.roleArn ?? initial.roleArn,
  };
}

/** ECS's lifecycle stages of a deployment, in order, with a short name for each. */
export const lifecycleStages: readonly {
  stage: ServiceDeploymentLifecycleStage;
  label: string;
}[] = [
  { stage: 'RECONCILE_SERVICE', label: 'Reconcile' },
  { stage: 'PRE_SCALE_UP', label: 'Pre scale-up' },
  { stage: 'SCALE_UP', label: 'Scale up' },
  { stage: 'POST_SCALE_UP', label: 'Post scale-up' },
  { stage: 'TEST_TRAFFIC_SHIFT', label: 'Test traffic' },
  { stage: 'POST_TEST_TRAFFIC_SHIFT', label: 'Post test traffic' },
  { stage: 'PRODUCTION_TRAFFIC_SHIFT', label: 'Production traffic' },
  { stage: 'POST_PRODUCTION_TRAFFIC_SHIFT', label: 'Post production traffic' },
  { stage: 'BAKE_TIME', label: 'Bake time' },
  { stage: 'CLEAN_UP', label: 'Clean up' },
];

/**
 * The production listener's split between the blue and green groups, in percent of the
 * weights; a listener forwarding to one group gives it everything.
 */
export function trafficSplit(
  listener: ElbListener,
  blueTargetGroupArn: string,
  greenTargetGroupArn: string,
): { blue: number; green: number } {
  const weights = new Map<string, number>();
  for (const item of forwardWeights(listener)) {
    weights.set(item.targetGroupArn, (weights.get(item.targetGroupArn) ?? 0) + item.weight);
  }
  const blue = weights.get(blueTargetGroupArn) ?? 0;
  const green = weights.get(greenTargetGroupArn) ?? 0;
  const total = blue + green;
  if (total === 0) return { blue: 0, green: 0 };
  const bluePercent = Math.round((blue / total) * 1000) / 10;
  return { blue: bluePercent, green: Math.round((100 - bluePercent) * 10) / 10 };
}

/**
 * Blue and green in a load balancer entry's pair of target groups: green is the group the
 * deployment's tasks serve in, blue the pair's other one; empty when either is not known.
 */
export function trafficRoles(
  entry: LoadBalancer | undefined,
  servedTargetGroupArn: string | undefined,
): { blue: string; green: string } {
  const pair = [entry?.targetGroupArn, entry?.advancedConfiguration?.alternateTargetGroupArn];
  const green = servedTargetGroupArn ?? '';
  const blue =
    green === ''
      ? ''
      : (pair.find((arn) => arn !== undefined && arn !== '' && arn !== green) ?? '');
  return { blue, green };
}

/** The deployment history's statuses of a deployment still under way. */
const underWay = new Set<string>([
  'PENDING',
  'IN_PROGRESS',
  'STOP_REQUESTED',
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS',
]);

/** The newest deployment still under way, from ListServiceDeployments (newest first). */
export function inProgressDeployment<Deployment extends EcsServiceDeployment>(
  deployments: readonly Deployment[],
): Deployment | undefined {
  return deployments.find((deployment) => underWay.has(deployment.status ?? ''));
}

/** How a configuration moves traffic, in a few words, with ECS's defaults where it is silent. */
export function strategySummary(configuration: DeploymentConfiguration | undefined): string {
  const bake = `bake ${configuration?.bakeTimeInMinutes ?? 0} min`;
  switch (configuration?.strategy ?? 'ROLLING') {
    case 'BLUE_GREEN':
      return `All production traffic at once, then ${bake}`;
    case 'LINEAR': {
      const linear = configuration?.linearConfiguration;
      return `${linear?.stepPercent ?? 10} % every ${linear?.stepBakeTimeInMinutes ?? 6} min, then ${bake}`;
    }
    case 'CANARY': {
      const canary = configuration?.canaryConfiguration;
      return `${canary?.canaryPercent ?? 5} % for ${canary?.canaryBakeTimeInMinutes ?? 10} min, then the rest; ${bake}`;
    }
    default:
      return `Minimum ${configuration?.minimumHealthyPercent ?? 100} % healthy, maximum ${configuration?.maximumPercent ?? 200} %`;
  }
}

/** Theme colours of the two sides, readable in light and dark mode. */
export const trafficColors = { blue: 'info.main', green: 'success.main' } as const;
