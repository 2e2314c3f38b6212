import type { TourResource, TourStepId } from '../../shared';
import type { CleanUpScope } from './clean-up-plan';

/** Every cluster and task definition family the tour makes starts with this. */
export const TOUR_ECS_PREFIX = 'stowage-tour-';
/** Load balancer and target group names start with this (ELB allows 32 characters in all). */
export const TOUR_ELB_PREFIX = 'tour-';
const ELB_NAME_LIMIT = 32;

/** The cluster a step makes: one per step, so that a run finds what its last run left. */
export const tourClusterName = (step: TourStepId): string => `${TOUR_ECS_PREFIX}${step}`;

/** A step's task definition family: `stowage-tour-<step>` or `stowage-tour-<step>-<what>`. */
export const tourFamily = (step: TourStepId, what?: string): string =>
  what === undefined ? `${TOUR_ECS_PREFIX}${step}` : `${TOUR_ECS_PREFIX}${step}-${what}`;

/** A load balancer's or target group's name: `tour-<short>`, within ELB's 32 characters. */
export function tourElbName(short: string): string {
  const name = `${TOUR_ELB_PREFIX}${short}`;
  if (name.length > ELB_NAME_LIMIT) {
    throw new Error(`${name} is longer than the ${ELB_NAME_LIMIT} characters ELB allows.`);
  }
  return name;
}

/** What the app's ECS holds now, as far as a clean-up needs to know. */
export interface FoundEcs {
  /** ACTIVE clusters. */
  clusters: readonly { arn: string; name: string }[];
  loadBalancers: readonly { arn: string; name: string; listenerArns: readonly string[] }[];
  targetGroups: readonly { arn: string; name: string }[];
  /** ACTIVE and INACTIVE revisions (a deleted one is no longer listed). */
  taskDefinitions: readonly { arn: string; family: string; status: string }[];
  /** Traffic the app is sending; a run still going has no `stoppedAt`. */
  trafficRuns: readonly { id: string; listenerArn?: string; stoppedAt?: number }[];
}

export type EcsCleanUpAction =
  /** Services (force), tasks, instances, then the cluster itself. */
  | { kind: 'empty-and-delete-cluster'; cluster: string; resource: TourResource }
  /** Traffic the app sends to one of the load balancer's listeners. */
  | { kind: 'stop-traffic'; runId: string; resource: TourResource }
  /** With its listeners, as ELB deletes them. */
  | { kind: 'delete-load-balancer'; resource: TourResource }
  | { kind: 'delete-target-group'; resource: TourResource }
  | { kind: 'deregister-task-definition'; resource: TourResource }
  /** At most ten revisions, each already INACTIVE or deregistered by an earlier action. */
  | { kind: 'delete-task-definitions'; resources: TourResource[] };

export interface EcsCleanUpPlan {
  actions: EcsCleanUpAction[];
  /** Recorded, but no longer there: nothing to do, and reported as removed. */
  gone: TourResource[];
}

const DELETE_BATCH = 10;

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, index * size + size),
  );

/**
 * What to remove of the tour's ECS things, in an order ECS accepts: clusters first (their
 * services release the target groups and their tasks the task definitions), then the traffic
 * sent to the tour's listeners, the load balancers (with their listeners), the target groups, and last the
 * task definitions, deregistered and then deleted. Only what a step recorded is in the plan,
 * plus, by name, the step's own cluster (`stowage-tour-<step>`), and for the whole tour every
 * cluster and task definition family named `stowage-tour-…`, in case the saved progress was
 * lost. Nothing else the app holds is ever in it.
 */
export function ecsCleanUpPlan(
  scope: CleanUpScope,
  recorded: readonly TourResource[],
  found: FoundEcs,
): EcsCleanUpPlan {
  const gone: TourResource[] = [];
  const recordedOf = (kind: TourResource['kind']) =>
    recorded.filter((resource) => resource.kind === kind);
  /** The recorded things of a kind still there, then those found by name, each once. */
  const pick = <T extends { arn: string; name: string }>(
    kind: TourResource['kind'],
    list: readonly T[],
    byName: (item: T) => boolean,
  ): { item: T; resource: TourResource }[] => {
    const picked = new Map<string, { item: T; resource: TourResource }>();
    for (const resource of recordedOf(kind)) {
      const item = list.find((candidate) => candidate.arn === resource.id);
      if (item) picked.set(item.arn, { item, resource });
      else gone.push(resource);
    }
    for (const item of list.filter(byName)) {
      if (!picked.has(item.arn)) {
        picked.set(item.arn, { item, resource: { kind, id: item.arn, name: item.name } });
      }
    }
    return [...picked.values()];
  };

  const wholeTour = scope === 'whole-tour';
  const clusters = pick('ecs-cluster', found.clusters, (cluster) =>
    wholeTour
      ? cluster.name.startsWith(TOUR_ECS_PREFIX)
      : cluster.name === `${TOUR_ECS_PREFIX}${scope.step}`,
  );
  const loadBalancers = pick('load-balancer', found.loadBalancers, () => false);
  const targetGroups = pick('target-group', found.targetGroups, () => false);
  const taskDefinitions = pick(
    'task-definition',
    found.taskDefinitions.map((definition) => ({ ...definition, name: nameOf(definition.arn) })),
    (definition) => wholeTour && definition.family.startsWith(TOUR_ECS_PREFIX),
  );

  const actions: EcsCleanUpAction[] = [
    ...clusters.map(({ item, resource }) => ({
      kind: 'empty-and-delete-cluster' as const,
      cluster: item.name,
      resource,
    })),
    ...loadBalancers.flatMap(({ item, resource }) =>
      found.trafficRuns
        .filter(
          (run) => run.stoppedAt === undefined && item.listenerArns.includes(run.listenerArn ?? ''),
        )
        .map((run) => ({ kind: 'stop-traffic' as const, runId: run.id, resource })),
    ),
    ...loadBalancers.map(({ resource }) => ({ kind: 'delete-load-balancer' as const, resource })),
    ...targetGroups.map(({ resource }) => ({ kind: 'delete-target-group' as const, resource })),
    ...taskDefinitions
      .filter(({ item }) => item.status === 'ACTIVE')
      .map(({ resource }) => ({ kind: 'deregister-task-definition' as const, resource })),
    ...chunks(
      taskDefinitions.map(({ resource }) => resource),
      DELETE_BATCH,
    ).map((resources) => ({ kind: 'delete-task-definitions' as const, resources })),
  ];
  return { actions, gone };
}

/** `family:revision`, from a task definition's ARN. */
const nameOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
