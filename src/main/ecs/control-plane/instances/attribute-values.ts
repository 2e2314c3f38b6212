import type { Attribute } from '@aws-sdk/client-ecs';
import { EcsApiError } from '../core/ecs-api-error';
import {
  maxAttributeNameLength,
  maxAttributeValueLength,
  maxCustomAttributesPerInstance as maxCustomAttributes,
} from '../core/limits';
import type { Params } from '../core/params';

const attributeNamePattern = new RegExp(`^[A-Za-z0-9_./-]{1,${maxAttributeNameLength}}$`);
const attributeValuePattern = new RegExp(`^[A-Za-z0-9_.@:/ -]{1,${maxAttributeValueLength}}$`);

/** Attributes the agent sets: they do not count against the custom limit. */
export function isStandard(name: string): boolean {
  return name.startsWith('ecs.') || name.startsWith('com.amazonaws.ecs.');
}

export function parseAttributes(list: Params[] | undefined): Attribute[] {
  return (list ?? []).map((attribute) => {
    const name = attribute.requiredString('name');
    const value = attribute.string('value');
    if (!attributeNamePattern.test(name)) {
      throw new EcsApiError(
        'InvalidParameterException',
        `Attribute name '${name}' is invalid: up to ${maxAttributeNameLength} letters, numbers, hyphens, underscores, slashes and periods are allowed.`,
      );
    }
    if (value !== undefined && !attributeValuePattern.test(value)) {
      throw new EcsApiError('InvalidParameterException', `Attribute value '${value}' is invalid.`);
    }
    return value === undefined ? { name } : { name, value };
  });
}

export function checkCustomAttributeLimit(attributes: readonly Attribute[]): void {
  const custom = attributes.filter((attribute) => !isStandard(attribute.name ?? ''));
  if (custom.length > maxCustomAttributes) {
    throw new EcsApiError(
      'AttributeLimitExceededException',
      `You can apply up to ${maxCustomAttributes} custom attributes for each resource.`,
    );
  }
}
