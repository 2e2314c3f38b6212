/** ListServiceDeployments, DescribeServiceDeployments and DescribeServiceRevisions. */
import type {
  DescribeServiceDeploymentsResponse,
  DescribeServiceRevisionsResponse,
  ListServiceDeploymentsResponse,
} from '@aws-sdk/client-ecs';
import { activeCluster } from '../clusters/operations';
import type { PlaneContext } from '../core/context';
import { paginate } from '../core/pagination';
import type { EcsState } from '../core/state';
import {
  describeServiceDeployments as describeDeployments,
  describeServiceRevisions as describeRevisions,
  listServiceDeployments as listDeployments,
  type ServiceHistory,
} from './history';
import { findService } from './operations';
import {
  readDescribeServiceDeployments,
  readDescribeServiceRevisions,
  readListServiceDeployments,
} from './read-history';
import { serviceNotFound } from './read-other';
import {
  deploymentsOf,
  services,
  tasksOfService,
  toServiceTask,
  type ServiceRecord,
} from './records';
import { withAdoptedTasks } from './traffic-shift';

function historyOf(state: EcsState, service: ServiceRecord): ServiceHistory {
  const records = deploymentsOf(state, service.serviceArn);
  return {
    serviceArn: service.serviceArn,
    clusterArn: service.clusterArn,
    records,
    tasks: withAdoptedTasks(
      records,
      tasksOfService(state, service).map((task) => toServiceTask(state, task)),
    ),
  };
}

export function listServiceDeployments(
  ctx: PlaneContext,
  input: unknown,
): ListServiceDeploymentsResponse {
  const request = readListServiceDeployments(input);
  const cluster = activeCluster(ctx, request.cluster);
  const service = findService(ctx, cluster, request.service);
  if (!service) throw serviceNotFound();
  const all = listDeployments(historyOf(ctx.state, service), request.filter);
  const { page, nextToken } = paginate(all, request.nextToken, request.maxResults);
  return { serviceDeployments: page, ...(nextToken !== undefined && { nextToken }) };
}

/** The histories of the services an ARN of the history API may name (its cluster and service). */
function historiesFor(state: EcsState, arns: readonly string[]): ServiceHistory[] {
  const named = new Set(
    arns.map((arn) => {
      const parts = arn.split('/');
      return `${parts[1] ?? ''}/${parts[2] ?? ''}`;
    }),
  );
  return services
    .all(state)
    .filter((service) => {
      const cluster = service.clusterArn.slice(service.clusterArn.lastIndexOf('/') + 1);
      return named.has(`${cluster}/${service.serviceName}`);
    })
    .map((service) => historyOf(state, service));
}

export function describeServiceDeployments(
  ctx: PlaneContext,
  input: unknown,
): DescribeServiceDeploymentsResponse {
  const arns = readDescribeServiceDeployments(input);
  return describeDeployments(historiesFor(ctx.state, arns), arns);
}

export function describeServiceRevisions(
  ctx: PlaneContext,
  input: unknown,
): DescribeServiceRevisionsResponse {
  const arns = readDescribeServiceRevisions(input);
  return describeRevisions(historiesFor(ctx.state, arns), arns);
}
