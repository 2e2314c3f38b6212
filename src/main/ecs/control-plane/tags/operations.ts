import type {
  ListTagsForResourceResponse,
  Tag,
  TagResourceResponse,
  UntagResourceResponse,
} from '@aws-sdk/client-ecs';
import type { Outcome, PlaneContext } from '../core/context';
import { EcsApiError } from '../core/ecs-api-error';
import { Params } from '../core/params';
import { ownEntry, type EcsChange, type EcsState } from '../core/state';
import { services } from '../services/records';
import { mergeTags, parseTags } from './tag-values';

/** The tags of the resource `arn` names, and how to write them back. */
function taggable(state: EcsState, arn: string): { tags: Tag[]; withTags(tags: Tag[]): EcsChange } {
  const cluster = ownEntry(state.clusters, arn);
  if (cluster)
    return {
      tags: cluster.tags,
      withTags: (tags) => ({ kind: 'cluster.put', cluster: { ...cluster, tags } }),
    };
  const definition = ownEntry(state.taskDefinitions, arn);
  if (definition) {
    return {
      tags: definition.tags,
      withTags: (tags) => ({ kind: 'taskDefinition.put', taskDefinition: { ...definition, tags } }),
    };
  }
  const task = ownEntry(state.tasks, arn);
  if (task)
    return {
      tags: task.tags ?? [],
      withTags: (tags) => ({ kind: 'task.put', task: { ...task, tags } }),
    };
  const instance = ownEntry(state.containerInstances, arn);
  if (instance) {
    return {
      tags: instance.tags,
      withTags: (tags) => ({
        kind: 'containerInstance.put',
        containerInstance: { ...instance, tags },
      }),
    };
  }
  const service = services.get(state, arn);
  if (service) {
    return { tags: service.tags, withTags: (tags) => services.put({ ...service, tags }) };
  }
  if (!/^arn:aws[a-z-]*:ecs:/.test(arn)) {
    throw new EcsApiError('InvalidParameterException', 'The ARN provided is invalid.');
  }
  throw new EcsApiError('ResourceNotFoundException', 'The specified resource could not be found.');
}

export function tagResource(ctx: PlaneContext, input: unknown): Outcome<TagResourceResponse> {
  const params = Params.of(input);
  const resource = taggable(ctx.state, params.requiredRef('resourceArn'));
  const added = parseTags(params.objectList('tags') ?? []);
  if (!params.has('tags')) params.requiredList('tags');
  return { result: {}, changes: [resource.withTags(mergeTags(resource.tags, added))] };
}

export function untagResource(ctx: PlaneContext, input: unknown): Outcome<UntagResourceResponse> {
  const params = Params.of(input);
  const resource = taggable(ctx.state, params.requiredRef('resourceArn'));
  const keys = new Set(params.requiredStringList('tagKeys'));
  return {
    result: {},
    changes: [resource.withTags(resource.tags.filter((tag) => !keys.has(tag.key ?? '')))],
  };
}

export function listTagsForResource(
  ctx: PlaneContext,
  input: unknown,
): ListTagsForResourceResponse {
  const resource = taggable(ctx.state, Params.of(input).requiredRef('resourceArn'));
  return { tags: structuredClone(resource.tags) };
}
