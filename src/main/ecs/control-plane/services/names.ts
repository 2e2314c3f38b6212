/** ARNs and identifiers of services, their deployments and revisions. */
import { arnPrefix, type EcsSettings } from '../core/arns';
import { EcsApiError } from '../core/ecs-api-error';
import type { Random } from '../core/ids';

export function serviceArn(settings: EcsSettings, cluster: string, service: string): string {
  return `${arnPrefix(settings)}service/${cluster}/${service}`;
}

/**
 * A service given by name or ARN, as its name. Both ARN forms are taken: the current
 * `service/cluster/name` and the old `service/name`.
 */
export function serviceNameOf(ref: string): string {
  const match = /^arn:aws[a-z-]*:ecs:[^:]*:[^:]*:(.+)$/.exec(ref);
  if (!match) return ref;
  const parts = match[1]!.split('/');
  const name = parts[parts.length - 1];
  if (parts[0] !== 'service' || parts.length < 2 || parts.length > 3 || !name) {
    throw new EcsApiError('InvalidParameterException', `Invalid service ARN: ${ref}`);
  }
  return name;
}

const digits = (random: Random, count: number) =>
  Array.from({ length: count }, (_, index) =>
    // A leading zero would read as a shorter number.
    index === 0 ? 1 + Math.floor(random() * 9) : Math.floor(random() * 10),
  ).join('');

/** A deployment id as DescribeServices shows it: `ecs-svc/` + 19 digits. */
export function newDeploymentId(random: Random): string {
  return `ecs-svc/${digits(random, 19)}`;
}

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `arn:…:service-deployment/{cluster}/{service}/{21 letters and digits}`. */
export function newServiceDeploymentArn(
  settings: EcsSettings,
  cluster: string,
  service: string,
  random: Random,
): string {
  const id = Array.from({ length: 21 }, () => base62[Math.floor(random() * 62)]).join('');
  return `${arnPrefix(settings)}service-deployment/${cluster}/${service}/${id}`;
}

/** `arn:…:service-revision/{cluster}/{service}/{19 digits}`. */
export function newServiceRevisionArn(
  settings: EcsSettings,
  cluster: string,
  service: string,
  random: Random,
): string {
  return `${arnPrefix(settings)}service-revision/${cluster}/${service}/${digits(random, 19)}`;
}
