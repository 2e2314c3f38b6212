import type { Tag } from '@aws-sdk/client-ecs';
import { EcsApiError } from '../core/ecs-api-error';
import { maxTagKeyLength, maxTagsPerResource as maxTags, maxTagValueLength } from '../core/limits';
import type { Params } from '../core/params';

/** A `tags` list: keys 1–128 characters, values up to 256, at most 50, `aws:` reserved. */
export function parseTags(list: Params[] | undefined): Tag[] {
  const tags = (list ?? []).map((tag) => {
    const key = tag.requiredString('key');
    const value = tag.string('value') ?? '';
    if (key.length < 1 || key.length > maxTagKeyLength) {
      throw new EcsApiError(
        'InvalidParameterException',
        `Tag keys must be between 1 and ${maxTagKeyLength} characters.`,
      );
    }
    if (value.length > maxTagValueLength) {
      throw new EcsApiError(
        'InvalidParameterException',
        `Tag values must be at most ${maxTagValueLength} characters.`,
      );
    }
    if (key.toLowerCase().startsWith('aws:')) {
      throw new EcsApiError(
        'InvalidParameterException',
        'Tag keys may not start with the reserved prefix aws:.',
      );
    }
    return { key, value };
  });
  if (tags.length > maxTags) {
    throw new EcsApiError(
      'InvalidParameterException',
      `A resource can have at most ${maxTags} tags.`,
    );
  }
  return tags;
}

/** `existing` with `added` put over it by key. */
export function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const byKey = new Map(existing.map((tag) => [tag.key, tag]));
  for (const tag of added) byKey.set(tag.key, tag);
  const merged = [...byKey.values()];
  if (merged.length > maxTags) {
    throw new EcsApiError(
      'InvalidParameterException',
      `A resource can have at most ${maxTags} tags.`,
    );
  }
  return merged;
}
