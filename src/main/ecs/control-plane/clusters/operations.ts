import type {
  Cluster,
  CreateClusterResponse,
  DeleteClusterResponse,
  DescribeClustersResponse,
  Failure,
  ListClustersResponse,
} from '@aws-sdk/client-ecs';
import { arns, clusterNameOf, defaultClusterName } from '../core/arns';
import { compact, type Outcome, type PlaneContext } from '../core/context';
import { EcsApiError } from '../core/ecs-api-error';
import { paginate } from '../core/pagination';
import { checkName, Params } from '../core/params';
import { checkClusterLimit } from '../core/resource-limits';
import type { ClusterRecord, EcsState } from '../core/state';
import { services } from '../services/records';
import { parseTags } from '../tags/tag-values';

const pendingStatuses = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);

export function findCluster(ctx: PlaneContext, ref: string | undefined): ClusterRecord | undefined {
  const name = clusterNameOf(ref ?? defaultClusterName);
  return ctx.state.clusters[arns.cluster(ctx.settings, name)];
}

/** The ACTIVE cluster `ref` names (the default cluster when absent). */
export function activeCluster(ctx: PlaneContext, ref: string | undefined): ClusterRecord {
  const cluster = findCluster(ctx, ref);
  if (!cluster) throw new EcsApiError('ClusterNotFoundException', 'Cluster not found.');
  if (cluster.status !== 'ACTIVE') {
    throw new EcsApiError('ClusterNotFoundException', 'The referenced cluster was inactive.');
  }
  return cluster;
}

export function toCluster(state: EcsState, record: ClusterRecord, include: string[] = []): Cluster {
  const tasks = Object.values(state.tasks).filter((task) => task.clusterArn === record.clusterArn);
  const instances = Object.values(state.containerInstances).filter(
    (instance) => instance.clusterArn === record.clusterArn && instance.status !== 'INACTIVE',
  );
  return compact({
    clusterArn: record.clusterArn,
    clusterName: record.clusterName,
    status: record.status,
    registeredContainerInstancesCount: instances.length,
    runningTasksCount: tasks.filter((task) => task.lastStatus === 'RUNNING').length,
    pendingTasksCount: tasks.filter((task) => pendingStatuses.has(task.lastStatus)).length,
    activeServicesCount: services
      .all(state)
      .filter((service) => service.clusterArn === record.clusterArn && service.status === 'ACTIVE')
      .length,
    statistics: [],
    tags: include.includes('TAGS') ? structuredClone(record.tags) : [],
    settings: include.includes('SETTINGS') ? structuredClone(record.settings) : undefined,
    capacityProviders: [],
    defaultCapacityProviderStrategy: [],
  });
}

export function createCluster(ctx: PlaneContext, input: unknown): Outcome<CreateClusterResponse> {
  const params = Params.of(input);
  const name = params.string('clusterName') ?? defaultClusterName;
  checkName(name, 'Cluster');
  const tags = parseTags(params.objectList('tags'));
  const settings = (params.objectList('settings') ?? []).map((setting) => ({
    name: setting.oneOf('name', ['containerInsights']) ?? 'containerInsights',
    value: setting.requiredString('value'),
  }));
  const existing = findCluster(ctx, name);
  if (existing?.status === 'ACTIVE') {
    return { result: { cluster: toCluster(ctx.state, existing) }, changes: [] };
  }
  checkClusterLimit(ctx.state);
  const cluster: ClusterRecord = {
    clusterArn: arns.cluster(ctx.settings, name),
    clusterName: name,
    status: 'ACTIVE',
    tags,
    settings: settings.length > 0 ? settings : [{ name: 'containerInsights', value: 'disabled' }],
  };
  return {
    result: { cluster: toCluster(ctx.state, cluster, ['TAGS', 'SETTINGS']) },
    changes: [{ kind: 'cluster.put', cluster }],
  };
}

export function deleteCluster(ctx: PlaneContext, input: unknown): Outcome<DeleteClusterResponse> {
  const ref = Params.of(input).requiredRef('cluster');
  const cluster = findCluster(ctx, ref);
  if (!cluster || cluster.status !== 'ACTIVE') {
    throw new EcsApiError('ClusterNotFoundException', 'Cluster not found.');
  }
  const counts = toCluster(ctx.state, cluster);
  if ((counts.activeServicesCount ?? 0) > 0) {
    throw new EcsApiError(
      'ClusterContainsServicesException',
      'The Cluster cannot be deleted while Services are active.',
    );
  }
  if ((counts.registeredContainerInstancesCount ?? 0) > 0) {
    throw new EcsApiError(
      'ClusterContainsContainerInstancesException',
      'The Cluster cannot be deleted while Container Instances are active or draining.',
    );
  }
  const activeTasks = Object.values(ctx.state.tasks).some(
    (task) => task.clusterArn === cluster.clusterArn && task.lastStatus !== 'STOPPED',
  );
  if (activeTasks) {
    throw new EcsApiError(
      'ClusterContainsTasksException',
      'The Cluster cannot be deleted while Tasks are active.',
    );
  }
  const inactive: ClusterRecord = { ...cluster, status: 'INACTIVE' };
  return {
    result: { cluster: toCluster(ctx.state, inactive) },
    changes: [{ kind: 'cluster.put', cluster: inactive }],
  };
}

export function describeClusters(ctx: PlaneContext, input: unknown): DescribeClustersResponse {
  const params = Params.of(input);
  const refs = params.stringList('clusters') ?? [defaultClusterName];
  if (refs.length > 100) {
    throw new EcsApiError('InvalidParameterException', 'clusters can have at most 100 items.');
  }
  const include = params.stringList('include') ?? [];
  const clusters: Cluster[] = [];
  const failures: Failure[] = [];
  for (const ref of refs) {
    const cluster = findCluster(ctx, ref);
    if (cluster) clusters.push(toCluster(ctx.state, cluster, include));
    else failures.push({ arn: arns.cluster(ctx.settings, clusterNameOf(ref)), reason: 'MISSING' });
  }
  return { clusters, failures };
}

export function listClusters(ctx: PlaneContext, input: unknown): ListClustersResponse {
  const params = Params.of(input);
  const maxResults = params.maxResults();
  const clusterArns = Object.values(ctx.state.clusters)
    .filter((cluster) => cluster.status === 'ACTIVE')
    .map((cluster) => cluster.clusterArn)
    .sort();
  const { page, nextToken } = paginate(clusterArns, params.string('nextToken'), maxResults);
  return compact({ clusterArns: page, nextToken });
}
