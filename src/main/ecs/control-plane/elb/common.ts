/**
 * What the ELBv2 resource modules share: their ARNs, ELB's way of refusing input (a
 * ValidationError where ECS says InvalidParameterException) and Marker paging.
 */
import type { EcsSettings } from '../core/arns';
import type { Outcome, PlaneContext } from '../core/context';
import { EcsApiError, type ElbErrorCode } from '../core/ecs-api-error';
import { randomHex } from '../core/ids';
import { Params } from '../core/params';

export const elbApiVersion = '2015-12-01';

/** The VPC every load balancer and target group is in unless the request names another. */
export const defaultVpcId = 'vpc-0c0ffee0000000001';

const elbArnPrefix = (s: EcsSettings) => `arn:aws:elasticloadbalancing:${s.region}:${s.accountId}:`;

export const elbArns = {
  loadBalancer: (ctx: PlaneContext, name: string) =>
    `${elbArnPrefix(ctx.settings)}loadbalancer/app/${name}/${randomHex(ctx.random, 16)}`,
  targetGroup: (ctx: PlaneContext, name: string) =>
    `${elbArnPrefix(ctx.settings)}targetgroup/${name}/${randomHex(ctx.random, 16)}`,
  /** `…:listener/app/{lb name}/{lb id}/{16 hex}`, from its load balancer's ARN. */
  listener: (ctx: PlaneContext, loadBalancerArn: string) =>
    `${loadBalancerArn.replace(':loadbalancer/', ':listener/')}/${randomHex(ctx.random, 16)}`,
};

export function elbError(code: ElbErrorCode, message: string): EcsApiError {
  return new EcsApiError(code, message);
}

/**
 * `handler` with the core's InvalidParameterException (from reading members with Params)
 * answered as ELB answers malformed input: ValidationError, with the same message.
 */
export function asElb<Input, Result>(
  handler: (ctx: PlaneContext, input: Params) => Result,
): (ctx: PlaneContext, input: Input | unknown) => Result {
  return (ctx, input) => {
    try {
      return handler(ctx, Params.of(input));
    } catch (error) {
      if (error instanceof EcsApiError && error.type === 'InvalidParameterException') {
        throw elbError('ValidationError', error.message);
      }
      throw error;
    }
  };
}

/** A write handler that changes nothing and answers `result`. */
export const unchanged = <T>(result: T): Outcome<T> => ({ result, changes: [] });

/** A Describe call's page: `PageSize` 1–400, `Marker` the offset of the page's first item. */
export function pageOf<T>(items: readonly T[], input: Params): { page: T[]; NextMarker?: string } {
  const size = input.integer('PageSize', { min: 1, max: 400 }) ?? 400;
  const marker = input.string('Marker');
  let start = 0;
  if (marker !== undefined) {
    if (!/^[0-9]{1,9}$/.test(marker)) throw elbError('ValidationError', 'Invalid marker.');
    start = Number(marker);
  }
  const page = items.slice(start, start + size);
  const end = start + page.length;
  return end < items.length ? { page, NextMarker: String(end) } : { page };
}

/** ELB's resource names (load balancers, target groups): 1–32 letters, digits and hyphens. */
export function checkElbName(name: string, what: 'Load balancer' | 'Target group'): void {
  if (name.length > 32) {
    throw elbError(
      'ValidationError',
      `${what} name '${name}' cannot be longer than '32' characters`,
    );
  }
  if (!/^[A-Za-z0-9-]+$/.test(name)) {
    throw elbError(
      'ValidationError',
      `${what} name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`,
    );
  }
  if (name.startsWith('-') || name.endsWith('-')) {
    throw elbError('ValidationError', `${what} name '${name}' cannot begin or end with '-'`);
  }
}

export interface ElbTag {
  Key: string;
  Value?: string;
}

/** ELB's quota of tags on one resource. */
export const maxElbTags = 50;

/**
 * `Tags` as given, each with a Key (1–128) and an optional Value (≤ 256); a key given twice
 * is DuplicateTagKeys and more than ELB's quota TooManyTags, as ELB answers them.
 */
export function tagsOf(input: Params): ElbTag[] {
  const tags = input.objectList('Tags') ?? [];
  if (tags.length > maxElbTags) {
    throw elbError(
      'TooManyTags',
      `You've reached the limit on the number of tags for this resource.`,
    );
  }
  const keys = new Set<string>();
  return tags.map((tag) => {
    const key = tag.requiredString('Key');
    const value = tag.string('Value');
    if (key.length < 1 || key.length > 128 || (value?.length ?? 0) > 256) {
      throw elbError('ValidationError', 'A tag key must be 1–128 and a value ≤ 256 characters.');
    }
    if (keys.has(key))
      throw elbError('DuplicateTagKeys', `Tag key '${key}' specified more than once`);
    keys.add(key);
    return value === undefined ? { Key: key } : { Key: key, Value: value };
  });
}
