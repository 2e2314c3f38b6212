/** ListServiceDeployments, DescribeServiceDeployments and DescribeServiceRevisions requests. */
import type { ServiceDeploymentStatus } from '@aws-sdk/client-ecs';
import { EcsApiError } from '../core/ecs-api-error';
import { Params } from '../core/params';
import type { ServiceDeploymentFilter } from './history';
import { serviceNameOf } from './names';

export const serviceDeploymentStatuses: readonly ServiceDeploymentStatus[] = [
  'PENDING',
  'IN_PROGRESS',
  'SUCCESSFUL',
  'STOPPED',
  'STOP_REQUESTED',
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED',
];

/** ListServiceDeployments gives 20 a page unless asked otherwise (API reference). */
export const listServiceDeploymentsDefaultPageSize = 20;

/** DescribeServiceDeployments and DescribeServiceRevisions take at most 20 ARNs. */
export const maxDescribedArns = 20;

const invalid = (message: string) => new EcsApiError('InvalidParameterException', message);

/** `createdAt.before` / `after` come as epoch seconds on the wire. */
function epochMs(params: Params, member: string): number | undefined {
  const value = params.value(member);
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value * 1000;
  if (value instanceof Date) return value.getTime();
  throw invalid(`Invalid type for parameter createdAt.${member}: expected a timestamp.`);
}

export function readListServiceDeployments(input: unknown): {
  cluster?: string;
  service: string;
  filter: ServiceDeploymentFilter;
  nextToken?: string;
  maxResults: number;
} {
  const params = Params.of(input);
  const service = serviceNameOf(params.requiredRef('service'));
  const statuses = params.stringList('status') ?? [];
  for (const status of statuses) {
    if (!serviceDeploymentStatuses.includes(status as ServiceDeploymentStatus)) {
      throw invalid(`status must be one of ${serviceDeploymentStatuses.join(', ')}.`);
    }
  }
  const createdAt = params.object('createdAt');
  const createdAfter = createdAt && epochMs(createdAt, 'after');
  const createdBefore = createdAt && epochMs(createdAt, 'before');
  const cluster = params.string('cluster');
  const nextToken = params.string('nextToken');
  return {
    ...(cluster !== undefined && { cluster }),
    service,
    filter: {
      ...(statuses.length > 0 && { statuses: statuses as ServiceDeploymentStatus[] }),
      ...(createdAfter !== undefined && { createdAfter }),
      ...(createdBefore !== undefined && { createdBefore }),
    },
    ...(nextToken !== undefined && { nextToken }),
    maxResults: params.maxResults() ?? listServiceDeploymentsDefaultPageSize,
  };
}

function readArns(input: unknown, member: string): string[] {
  const arns = Params.of(input).requiredStringList(member);
  if (arns.length < 1 || arns.length > maxDescribedArns) {
    throw invalid(`${member} can have at least 1 and at most ${maxDescribedArns} items.`);
  }
  return arns;
}

export const readDescribeServiceDeployments = (input: unknown) =>
  readArns(input, 'serviceDeploymentArns');

export const readDescribeServiceRevisions = (input: unknown) =>
  readArns(input, 'serviceRevisionArns');
