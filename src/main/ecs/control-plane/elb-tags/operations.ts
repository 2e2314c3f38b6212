import type {
  AddTagsOutput,
  DescribeTagsOutput,
  RemoveTagsOutput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Outcome, PlaneContext } from '../core/context';
import type { EcsChange } from '../core/state';
import { asElb, elbError, maxElbTags, tagsOf, type ElbTag } from '../elb/common';
import { listeners } from '../listeners/records';
import { loadBalancers } from '../load-balancers/records';
import { targetGroups } from '../target-groups/records';

/** ELB's cap on the ARNs of one tagging call. */
const maxResourceArns = 20;

/** A taggable ELB resource: its tags, and how to put it back with others. */
interface Tagged {
  tags: readonly ElbTag[];
  withTags(tags: ElbTag[]): EcsChange;
}

/** The resource `arn` names, or ELB's not-found error for its kind. */
function taggedResource(ctx: PlaneContext, arn: string): Tagged {
  const kind =
    /^arn:aws:elasticloadbalancing:[^:]*:[^:]*:(loadbalancer|targetgroup|listener)\//.exec(
      arn,
    )?.[1];
  if (kind === 'loadbalancer') {
    const record = loadBalancers.get(ctx.state, arn);
    if (!record) throw elbError('LoadBalancerNotFound', `Load balancer '${arn}' not found`);
    return { tags: record.tags, withTags: (tags) => loadBalancers.put({ ...record, tags }) };
  }
  if (kind === 'targetgroup') {
    const record = targetGroups.get(ctx.state, arn);
    if (!record) throw elbError('TargetGroupNotFound', `Target groups '${arn}' not found`);
    return { tags: record.tags, withTags: (tags) => targetGroups.put({ ...record, tags }) };
  }
  if (kind === 'listener') {
    const record = listeners.get(ctx.state, arn);
    if (!record) throw elbError('ListenerNotFound', `Listener '${arn}' not found`);
    return { tags: record.tags, withTags: (tags) => listeners.put({ ...record, tags }) };
  }
  throw elbError(
    'ValidationError',
    `'${arn}' is not a valid load balancer, target group or listener ARN`,
  );
}

function resourceArnsOf(input: { requiredStringList(member: string): string[] }): string[] {
  const arns = input.requiredStringList('ResourceArns');
  if (arns.length === 0 || arns.length > maxResourceArns) {
    throw elbError(
      'ValidationError',
      `1 validation error detected: Value at 'resourceArns' failed to satisfy constraint: Member must have length between 1 and ${maxResourceArns}`,
    );
  }
  return arns;
}

export const addTags = asElb((ctx, input): Outcome<AddTagsOutput> => {
  const arns = resourceArnsOf(input);
  const added = tagsOf(input);
  if (added.length === 0) {
    throw elbError('ValidationError', 'At least one tag must be specified');
  }
  const changes = arns.map((arn) => {
    const resource = taggedResource(ctx, arn);
    const merged = new Map(resource.tags.map((tag) => [tag.Key, tag]));
    for (const tag of added) merged.set(tag.Key, tag);
    if (merged.size > maxElbTags) {
      throw elbError(
        'TooManyTags',
        `You've reached the limit on the number of tags for this resource.`,
      );
    }
    return resource.withTags([...merged.values()]);
  });
  return { result: {}, changes };
});

export const removeTags = asElb((ctx, input): Outcome<RemoveTagsOutput> => {
  const arns = resourceArnsOf(input);
  const keys = new Set(input.requiredStringList('TagKeys'));
  const changes = arns.map((arn) => {
    const resource = taggedResource(ctx, arn);
    return resource.withTags(resource.tags.filter((tag) => !keys.has(tag.Key)));
  });
  return { result: {}, changes };
});

export const describeTags = asElb((ctx, input): DescribeTagsOutput => ({
  TagDescriptions: resourceArnsOf(input).map((arn) => ({
    ResourceArn: arn,
    Tags: taggedResource(ctx, arn).tags.map((tag) => ({ ...tag })),
  })),
}));
