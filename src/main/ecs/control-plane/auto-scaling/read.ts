/**
 * Application Auto Scaling's requests read and checked, with its own error types and words:
 * members of the wrong type are ValidationException (the shared reader's refusals are
 * re-typed), a target or policy that is not there is ObjectNotFoundException.
 */
import { EcsApiError } from '../core/ecs-api-error';
import type { Params } from '../core/params';
import { paginate } from '../core/pagination';
import { scalableDimension, serviceNamespace } from './records';

export const validation = (message: string) => new EcsApiError('ValidationException', message);

/** Runs `read`, answering the shared reader's InvalidParameterException as ValidationException. */
export function reading<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof EcsApiError && error.type === 'InvalidParameterException') {
      throw validation(error.message);
    }
    throw error;
  }
}

const unsupported = () =>
  validation('Unsupported service namespace, resource type or scalable dimension');

const resourceIdPattern = /^service\/([A-Za-z0-9_-]{1,255})\/([A-Za-z0-9_-]{1,255})$/;

export interface ServiceResource {
  resourceId: string;
  clusterName: string;
  serviceName: string;
}

/** `ServiceNamespace`, which must be `ecs` (the only one Stowage serves). */
export function readNamespace(params: Params): void {
  const namespace = params.requiredString('ServiceNamespace');
  if (namespace !== serviceNamespace) throw unsupported();
}

export function readDimension(params: Params, required: boolean): void {
  const dimension = required
    ? params.requiredString('ScalableDimension')
    : params.string('ScalableDimension');
  if (dimension !== undefined && dimension !== scalableDimension) throw unsupported();
}

export function parseResourceId(resourceId: string): ServiceResource {
  const match = resourceIdPattern.exec(resourceId);
  if (!match) throw unsupported();
  return { resourceId, clusterName: match[1]!, serviceName: match[2]! };
}

/** The namespace, resource id and dimension every per-target request names. */
export function readTargetRef(params: Params): ServiceResource {
  readNamespace(params);
  const resource = parseResourceId(params.requiredString('ResourceId'));
  readDimension(params, true);
  return resource;
}

export const targetWords = (resourceId: string) =>
  `service namespace: ${serviceNamespace}, resource ID: ${resourceId}, scalable dimension: ${scalableDimension}`;

export const noTarget = (resourceId: string) =>
  new EcsApiError(
    'ObjectNotFoundException',
    `No scalable target registered for ${targetWords(resourceId)}`,
  );

/** A finite number member (a double in the API model). */
export function readNumber(params: Params, member: string): number | undefined {
  const value = params.value(member);
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw validation(`Invalid type for parameter ${member}: expected a number.`);
  }
  return value;
}

/** `MaxResults` (1–50) and `NextToken` of a Describe* operation, and the page they select. */
export function page<T>(params: Params, items: readonly T[]): { page: T[]; nextToken?: string } {
  const maxResults = params.integer('MaxResults', { min: 1, max: 50 });
  const nextToken = params.string('NextToken');
  try {
    return paginate(items, nextToken, maxResults ?? 50);
  } catch {
    throw new EcsApiError('InvalidNextTokenException', 'Invalid token');
  }
}
