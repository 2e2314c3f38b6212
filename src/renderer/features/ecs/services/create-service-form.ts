import { ecsNamePattern, type EcsTaskDefinition } from '../../../../shared';
import { placementRequest, type ConstraintRow, type StrategyRow } from '../placement/PlacementRows';
import {
  advancedConfiguration,
  initialStrategyValue,
  strategyConfiguration,
  usesLoadBalancer,
  type DeploymentStrategyValue,
} from './deployment-strategy';

export type LaunchType = 'EC2' | 'FARGATE';
export type SchedulingStrategy = 'REPLICA' | 'DAEMON';

/** The create-service wizard's fields, as typed; the deployment strategy's among them. */
export interface CreateServiceForm extends DeploymentStrategyValue {
  serviceName: string;
  /** A revision's ARN. */
  taskDefinition: string;
  launchType: LaunchType;
  schedulingStrategy: SchedulingStrategy;
  desiredCount: string;
  strategies: StrategyRow[];
  constraints: ConstraintRow[];
  /** Comma-separated subnet ids. */
  subnets: string;
  minimumHealthyPercent: string;
  maximumPercent: string;
  circuitBreaker: boolean;
  rollback: boolean;
  /** The optional load balancer step: off sends no `loadBalancers`. */
  behindLoadBalancer: boolean;
  targetGroupArn: string;
  /** Empty: the first container of the revision with a port mapping. */
  lbContainerName: string;
  /** Empty: that container's first container port. */
  lbContainerPort: string;
  healthCheckGracePeriod: string;
}

/** A target group as the wizard's load balancer step needs it. */
export interface TargetGroupChoice {
  targetGroupArn: string;
  name: string;
  targetType: string;
}

export const maxDesiredCount = 5000;

export function initialCreateServiceForm(taskDefinition: string): CreateServiceForm {
  return {
    serviceName: '',
    taskDefinition,
    launchType: 'EC2',
    schedulingStrategy: 'REPLICA',
    desiredCount: '2',
    strategies: [],
    constraints: [],
    subnets: 'subnet-a, subnet-b, subnet-c',
    minimumHealthyPercent: '100',
    maximumPercent: '200',
    circuitBreaker: true,
    rollback: true,
    behindLoadBalancer: false,
    targetGroupArn: '',
    lbContainerName: '',
    lbContainerPort: '',
    healthCheckGracePeriod: '60',
    ...initialStrategyValue(),
  };
}

/** The revision's containers that publish a port, each with its container ports. */
export function containerPorts(
  definition: EcsTaskDefinition | undefined,
): { name: string; ports: number[] }[] {
  return (definition?.containerDefinitions ?? [])
    .map((container) => ({
      name: container.name ?? '',
      ports: (container.portMappings ?? []).flatMap((mapping) =>
        mapping.containerPort === undefined ? [] : [mapping.containerPort],
      ),
    }))
    .filter((container) => container.ports.length > 0);
}

/** The form with the load balancer step's container and port taken from the revision. */
export function withLoadBalancerDefaults(
  form: CreateServiceForm,
  definition: EcsTaskDefinition | undefined,
): CreateServiceForm {
  const containers = containerPorts(definition);
  const container = containers.find((item) => item.name === form.lbContainerName) ?? containers[0];
  // A choice the revision no longer offers (another revision was chosen) gives way too.
  const port = container?.ports.find((item) => String(item) === form.lbContainerPort);
  return {
    ...form,
    lbContainerName: container?.name ?? '',
    lbContainerPort: String(port ?? container?.ports[0] ?? ''),
  };
}

/** Whether tasks get their own network interface, and so need subnets. */
export function needsSubnets(form: CreateServiceForm, definition?: EcsTaskDefinition): boolean {
  return form.launchType === 'FARGATE' || definition?.networkMode === 'awsvpc';
}

export type FormProblems = Partial<Record<keyof CreateServiceForm, string>>;

const wholeIn = (text: string, min: number, max: number) => {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max;
};

/** What ECS would refuse in the form, by field; empty when it can be sent. */
export function createServiceProblems(
  form: CreateServiceForm,
  definition: EcsTaskDefinition | undefined,
): FormProblems {
  const problems: FormProblems = {};
  if (!ecsNamePattern.test(form.serviceName)) {
    problems.serviceName = 'Up to 255 letters, numbers, hyphens and underscores.';
  }
  if (form.taskDefinition === '') problems.taskDefinition = 'Choose a task definition revision.';
  else if (
    form.launchType === 'FARGATE' &&
    definition &&
    !(definition.compatibilities ?? []).includes('FARGATE')
  ) {
    problems.launchType = 'This revision is not compatible with Fargate.';
  }
  if (form.launchType === 'FARGATE' && form.schedulingStrategy === 'DAEMON') {
    problems.schedulingStrategy = 'Fargate does not run DAEMON services: choose EC2.';
  }
  if (form.schedulingStrategy === 'REPLICA' && !wholeIn(form.desiredCount, 0, maxDesiredCount)) {
    problems.desiredCount = `A whole number from 0 to ${maxDesiredCount}.`;
  }
  if (needsSubnets(form, definition) && subnetList(form.subnets).length === 0) {
    problems.subnets = 'Give at least one subnet: each task gets an address in one.';
  }
  if (!usesLoadBalancer(form.strategy)) {
    Object.assign(problems, deploymentProblems(form, form.schedulingStrategy === 'DAEMON'));
  }
  if (form.constraints.some((row) => row.type === 'memberOf' && row.expression.trim() === '')) {
    problems.constraints = 'A memberOf constraint needs an expression.';
  }
  return problems;
}

/** What ECS would refuse in the load balancer step, in ECS's words where it has them. */
export function loadBalancerStepProblems(
  form: CreateServiceForm,
  definition: EcsTaskDefinition | undefined,
  groups: readonly TargetGroupChoice[],
): FormProblems {
  if (!form.behindLoadBalancer) return {};
  const problems: FormProblems = {};
  const group = groups.find((item) => item.targetGroupArn === form.targetGroupArn);
  if (form.targetGroupArn === '') problems.targetGroupArn = 'Choose a target group.';
  else if (group) {
    const problem = targetTypeProblem(group, form, definition);
    if (problem) problems.targetGroupArn = problem;
  }
  const container = containerPorts(definition).find((item) => item.name === form.lbContainerName);
  if (!container) {
    problems.lbContainerName = 'Choose a container that maps a port: the revision has none.';
  } else if (!container.ports.includes(Number(form.lbContainerPort))) {
    problems.lbContainerPort = `The container ${form.lbContainerName} did not have a container port ${form.lbContainerPort} defined.`;
  }
  if (!wholeIn(form.healthCheckGracePeriod, 0, 2147483647)) {
    problems.healthCheckGracePeriod = 'Whole seconds, 0 or more.';
  }
  return problems;
}

/** ECS's refusal of a target group whose target type does not suit the tasks' network mode. */
export function targetTypeProblem(
  group: TargetGroupChoice,
  form: CreateServiceForm,
  definition: EcsTaskDefinition | undefined,
): string | undefined {
  const mode = needsSubnets(form, definition) ? 'awsvpc' : (definition?.networkMode ?? 'bridge');
  if (group.targetType === 'ip' && mode !== 'awsvpc') {
    return `The provided target group ${group.name} has target type ip, which is incompatible with the ${mode} network mode specified in the task definition.`;
  }
  if (group.targetType === 'instance' && mode === 'awsvpc') {
    return `The provided target group ${group.name} has target type instance, which is incompatible with the awsvpc network mode specified in the task definition.`;
  }
  return undefined;
}

/** What ECS would refuse in a deployment configuration. */
export function deploymentProblems(
  value: { minimumHealthyPercent: string; maximumPercent: string },
  daemon: boolean,
): Partial<Record<'minimumHealthyPercent' | 'maximumPercent', string>> {
  const problems: Partial<Record<'minimumHealthyPercent' | 'maximumPercent', string>> = {};
  if (!wholeIn(value.minimumHealthyPercent, 0, 100)) {
    problems.minimumHealthyPercent = 'A whole percentage from 0 to 100.';
  }
  if (daemon) {
    if (value.maximumPercent !== '100') problems.maximumPercent = 'A DAEMON service keeps 100 %.';
  } else if (!wholeIn(value.maximumPercent, 100, 200)) {
    problems.maximumPercent = 'A whole percentage from 100 to 200.';
  }
  return problems;
}

/**
 * A warning that is not a refusal: limits that let a rollout make no progress. With 100 % /
 * 100 % ECS may neither start a new task before stopping one nor stop one before starting one.
 */
export function rolloutWarning(
  value: { minimumHealthyPercent: string; maximumPercent: string },
  daemon: boolean,
): string | undefined {
  if (
    !daemon &&
    Number(value.minimumHealthyPercent) >= 100 &&
    Number(value.maximumPercent) <= 100
  ) {
    return 'With 100 % / 100 % a rollout can neither add a task first nor stop one first: it stalls.';
  }
  return undefined;
}

export const subnetList = (text: string) =>
  text
    .split(',')
    .map((subnet) => subnet.trim())
    .filter(Boolean);

/**
 * The CreateServiceRequest the form makes: what the app sends, and the text
 * `aws ecs create-service --cli-input-json` takes for the same service on real ECS.
 */
export function createServiceRequest(
  cluster: string,
  form: CreateServiceForm,
  definition: EcsTaskDefinition | undefined,
): Record<string, unknown> {
  const daemon = form.schedulingStrategy === 'DAEMON';
  const placement = placementRequest(daemon ? [] : form.strategies, form.constraints);
  const shifting = usesLoadBalancer(form.strategy);
  return {
    cluster,
    serviceName: form.serviceName,
    taskDefinition: form.taskDefinition,
    launchType: form.launchType,
    schedulingStrategy: form.schedulingStrategy,
    ...(daemon ? {} : { desiredCount: Number(form.desiredCount) }),
    ...(form.launchType === 'EC2' ? placement : {}),
    ...(needsSubnets(form, definition)
      ? { networkConfiguration: { awsvpcConfiguration: { subnets: subnetList(form.subnets) } } }
      : {}),
    ...(form.behindLoadBalancer
      ? {
          loadBalancers: [
            {
              targetGroupArn: form.targetGroupArn,
              containerName: form.lbContainerName,
              containerPort: Number(form.lbContainerPort),
              ...(shifting ? { advancedConfiguration: advancedConfiguration(form) } : {}),
            },
          ],
          healthCheckGracePeriodSeconds: Number(form.healthCheckGracePeriod),
        }
      : {}),
    // ROLLING is ECS's default: the request names a strategy only when it is another.
    deploymentConfiguration: shifting
      ? {
          ...strategyConfiguration(form),
          deploymentCircuitBreaker: { enable: form.circuitBreaker, rollback: form.rollback },
        }
      : {
          minimumHealthyPercent: Number(form.minimumHealthyPercent),
          maximumPercent: Number(form.maximumPercent),
          deploymentCircuitBreaker: { enable: form.circuitBreaker, rollback: form.rollback },
        },
  };
}

/** The preview's text: the request as CLI input JSON. */
export function cliInputJson(request: Record<string, unknown>): string {
  return JSON.stringify(request, null, 2);
}

/** The ACTIVE revisions, family by family, newest revision first. */
export function activeRevisions(definitions: readonly EcsTaskDefinition[]): EcsTaskDefinition[] {
  return definitions
    .filter((definition) => definition.status === 'ACTIVE')
    .sort(
      (a, b) =>
        (a.family ?? '').localeCompare(b.family ?? '') || (b.revision ?? 0) - (a.revision ?? 0),
    );
}
