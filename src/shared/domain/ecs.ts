import type {
  Cluster,
  ContainerInstance,
  Failure,
  Service,
  ServiceDeployment,
  ServiceRevision,
  Task,
  TaskDefinition,
} from '@aws-sdk/client-ecs';
import { z } from 'zod';

/**
 * An SDK shape as it crosses the contract: every Date becomes epoch milliseconds, so the
 * renderer gets plain JSON and formats times itself.
 */
export type Wire<T> = T extends Date
  ? number
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type EcsCluster = Wire<Cluster>;
export type EcsContainerInstance = Wire<ContainerInstance>;
export type EcsTaskDefinition = Wire<TaskDefinition>;
export type EcsTask = Wire<Task>;
export type EcsFailure = Wire<Failure>;
export type EcsService = Wire<Service>;
export type EcsServiceDeployment = Wire<ServiceDeployment>;
export type EcsServiceRevision = Wire<ServiceRevision>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A loose check of an SDK shape: the control plane builds them, the types describe them. */
const sdkShape = <T>() => z.custom<T>(isPlainObject, 'Not an object.');

export const ecsClusterSchema = sdkShape<EcsCluster>();
export const ecsContainerInstanceSchema = sdkShape<EcsContainerInstance>();
export const ecsTaskDefinitionSchema = sdkShape<EcsTaskDefinition>();
export const ecsTaskSchema = sdkShape<EcsTask>();
export const ecsFailureSchema = sdkShape<EcsFailure>();
export const ecsServiceSchema = sdkShape<EcsService>();
export const ecsServiceDeploymentSchema = sdkShape<EcsServiceDeployment>();
export const ecsServiceRevisionSchema = sdkShape<EcsServiceRevision>();

/**
 * A service deployment as the app reads it: ECS's shape, plus the target group its tasks
 * serve in for each load balancer entry of its revision. A traffic-shifting deployment runs
 * in whichever group of the pair production is not on, so this is green, and the pair's
 * other group is blue; the roles swap with each such deployment.
 */
export type EcsServiceDeploymentView = EcsServiceDeployment & { servedTargetGroupArns: string[] };
export const ecsServiceDeploymentViewSchema = z.intersection(
  ecsServiceDeploymentSchema,
  z.object({ servedTargetGroupArns: z.array(z.string().min(1).max(2048)).max(5) }),
);

/** A cluster, instance, task or task definition: its name, id or full ARN. */
export const ecsReferenceSchema = z.string().min(1, 'Give a name or an ARN.').max(2048);

/** Cluster names as ECS takes them. */
export const ecsNamePattern = /^[A-Za-z0-9_-]{1,255}$/;

/** Why a cluster name would be refused, in ECS's words; undefined when it is fine. */
export function clusterNameProblem(name: string): string | undefined {
  if (ecsNamePattern.test(name)) return undefined;
  return 'Cluster name should be between 1 and 255 characters long and can contain only letters (uppercase and lowercase), numbers, hyphens, and underscores.';
}

export const ecsResources = [
  'clusters',
  'instances',
  'taskDefinitions',
  'tasks',
  'services',
  // ELBv2 and Application Auto Scaling, named as their resource modules are.
  'loadBalancers',
  'listeners',
  'targetGroups',
  'autoScaling',
] as const;
export type EcsResource = (typeof ecsResources)[number];

export const ecsChangedSchema = z.object({ resources: z.array(z.enum(ecsResources)) });
export type EcsChanged = z.infer<typeof ecsChangedSchema>;

export const ecsInstanceTypeSchema = z.object({
  name: z.string(),
  vcpu: z.number(),
  memoryGiB: z.number(),
  /** What an instance of the type registers: CPU units and MiB. */
  cpu: z.number(),
  memory: z.number(),
});
export type EcsInstanceType = z.infer<typeof ecsInstanceTypeSchema>;

export const ecsStatusSchema = z.object({
  /** What runs the tasks: a simulation, or real Docker containers. */
  runtime: z.enum(['simulated', 'docker']),
  region: z.string(),
  accountId: z.string(),
  availabilityZones: z.array(z.string()),
  instanceTypes: z.array(ecsInstanceTypeSchema),
  /**
   * What opening the saved state had to do: a corrupt file moved aside (ECS starts empty), or
   * a damaged journal cut at the damage (what came before kept, `droppedRecords` changes about
   * `resources` dropped; undefined when that cannot be told) with the dropped bytes in `path`.
   */
  notices: z.array(
    z.object({
      kind: z.enum(['moved-aside', 'journal-damaged']),
      path: z.string(),
      reason: z.string(),
      at: z.number(),
      droppedRecords: z.number().optional(),
      resources: z.array(z.string()).optional(),
    }),
  ),
});
export type EcsStatus = z.infer<typeof ecsStatusSchema>;

export const ecsRunResultSchema = z.object({
  tasks: z.array(ecsTaskSchema),
  failures: z.array(ecsFailureSchema),
});
export type EcsRunResult = z.infer<typeof ecsRunResultSchema>;

export const taskLifecycleFields = [
  'createdAt',
  'pullStartedAt',
  'pullStoppedAt',
  'startedAt',
  'stoppingAt',
  'executionStoppedAt',
  'stoppedAt',
] as const;

/**
 * The zone a subnet is in: subnets are not modelled, so the zone follows from the id (the
 * control plane places by it; the Learn tour picks a subnet in each zone by it).
 */
export function zoneOfSubnet(region: string, subnet: string): string {
  let hash = 0;
  for (const char of subnet) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `${region}${'abc'[hash % 3]}`;
}

/** The family of `family:revision` or of a task-definition ARN. */
export function familyOfTaskDefinition(reference: string): string {
  const last = reference.split('/').at(-1) ?? reference;
  return last.split(':')[0] ?? last;
}

/** The last part of an ARN: a task's or instance's id, a cluster's name. */
export function shortArn(arn: string | undefined): string {
  return arn?.split('/').at(-1) ?? '';
}

/**
 * The ARN of a listener's default rule, the one that carries its default actions:
 * `…:listener-rule/app/{lb}/{lb id}/{listener id}/{rule id}`, the rule id being the listener's
 * own, so the app and the control plane name it alike without asking. Blue/green deployments
 * take it as `advancedConfiguration.productionListenerRule` (or `testListenerRule`).
 */
export function defaultListenerRuleArn(listenerArn: string): string {
  const listenerId = listenerArn.slice(listenerArn.lastIndexOf('/') + 1);
  return `${listenerArn.replace(':listener/', ':listener-rule/')}/${listenerId}`;
}

/**
 * `app/<lb>/<id>/targetgroup/<tg>/<id>`: the load balancer and target group that
 * ALBRequestCountPerTarget counts, from their ARNs.
 */
export function resourceLabelOf(
  loadBalancerArn: string,
  targetGroupArn: string,
): string | undefined {
  const balancer = /:loadbalancer\/(app\/[^/]+\/[^/]+)$/.exec(loadBalancerArn)?.[1];
  const group = /:(targetgroup\/[^/]+\/[^/]+)$/.exec(targetGroupArn)?.[1];
  return balancer && group ? `${balancer}/${group}` : undefined;
}
