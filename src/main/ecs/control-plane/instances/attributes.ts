import type {
  Attribute,
  DeleteAttributesResponse,
  ListAttributesResponse,
  PutAttributesResponse,
} from '@aws-sdk/client-ecs';
import { activeCluster } from '../clusters/operations';
import { compact, type Outcome, type PlaneContext } from '../core/context';
import { EcsApiError } from '../core/ecs-api-error';
import { findInstance } from './operations';
import { paginate } from '../core/pagination';
import { Params } from '../core/params';
import { checkCustomAttributeLimit, isStandard, parseAttributes } from './attribute-values';
import type { ContainerInstanceRecord, EcsChange } from '../core/state';

interface TargetedAttribute {
  attribute: Attribute;
  instance: ContainerInstanceRecord;
}

function readTargeted(ctx: PlaneContext, input: unknown, needsValue: boolean): TargetedAttribute[] {
  const params = Params.of(input);
  const cluster = activeCluster(ctx, params.string('cluster'));
  const list = params.objectList('attributes') ?? [];
  if (list.length === 0 || list.length > 10) {
    throw new EcsApiError(
      'InvalidParameterException',
      'attributes must contain between 1 and 10 items.',
    );
  }
  const attributes = parseAttributes(list);
  return list.map((item, index) => {
    const targetType = item.string('targetType') ?? 'container-instance';
    if (targetType !== 'container-instance') {
      throw new EcsApiError('InvalidParameterException', `Invalid targetType: ${targetType}.`);
    }
    const targetId = item.requiredString('targetId');
    const instance = findInstance(ctx, cluster, targetId);
    if (!instance || instance.status === 'INACTIVE') {
      throw new EcsApiError('TargetNotFoundException', `Could not find ${targetId}.`);
    }
    const attribute = attributes[index] as Attribute;
    if (needsValue && isStandard(attribute.name ?? '')) {
      throw new EcsApiError(
        'InvalidParameterException',
        `Attribute name ${attribute.name} is reserved.`,
      );
    }
    return {
      attribute: {
        ...attribute,
        targetType: 'container-instance' as const,
        targetId: instance.containerInstanceArn,
      },
      instance,
    };
  });
}

function changed(instances: Map<string, ContainerInstanceRecord>): EcsChange[] {
  return [...instances.values()].map((instance) => ({
    kind: 'containerInstance.put',
    containerInstance: { ...instance, version: instance.version + 1 },
  }));
}

export function putAttributes(ctx: PlaneContext, input: unknown): Outcome<PutAttributesResponse> {
  const targeted = readTargeted(ctx, input, true);
  const updated = new Map<string, ContainerInstanceRecord>();
  for (const { attribute, instance } of targeted) {
    const current = updated.get(instance.containerInstanceArn) ?? instance;
    const others = current.attributes.filter((a) => a.name !== attribute.name);
    const attributes = [...others, compact({ name: attribute.name, value: attribute.value })];
    checkCustomAttributeLimit(attributes);
    updated.set(instance.containerInstanceArn, { ...current, attributes });
  }
  return { result: { attributes: targeted.map((t) => t.attribute) }, changes: changed(updated) };
}

export function deleteAttributes(
  ctx: PlaneContext,
  input: unknown,
): Outcome<DeleteAttributesResponse> {
  const targeted = readTargeted(ctx, input, true);
  const updated = new Map<string, ContainerInstanceRecord>();
  for (const { attribute, instance } of targeted) {
    const current = updated.get(instance.containerInstanceArn) ?? instance;
    const attributes = current.attributes.filter((a) => a.name !== attribute.name);
    updated.set(instance.containerInstanceArn, { ...current, attributes });
  }
  return { result: { attributes: targeted.map((t) => t.attribute) }, changes: changed(updated) };
}

export function listAttributes(ctx: PlaneContext, input: unknown): ListAttributesResponse {
  const params = Params.of(input);
  const cluster = activeCluster(ctx, params.string('cluster'));
  const targetType = params.requiredString('targetType');
  if (targetType !== 'container-instance') {
    throw new EcsApiError('InvalidParameterException', `Invalid targetType: ${targetType}.`);
  }
  const name = params.string('attributeName');
  const value = params.string('attributeValue');
  if (value !== undefined && name === undefined) {
    throw new EcsApiError('InvalidParameterException', 'attributeValue requires attributeName.');
  }
  const maxResults = params.maxResults();
  const attributes = Object.values(ctx.state.containerInstances)
    .filter(
      (instance) => instance.clusterArn === cluster.clusterArn && instance.status !== 'INACTIVE',
    )
    .flatMap((instance) =>
      instance.attributes.map((attribute) =>
        compact({
          ...attribute,
          targetType: 'container-instance' as const,
          targetId: instance.containerInstanceArn,
        }),
      ),
    )
    .filter((attribute) => name === undefined || attribute.name === name)
    .filter((attribute) => value === undefined || attribute.value === value);
  const { page, nextToken } = paginate(attributes, params.string('nextToken'), maxResults);
  return compact({ attributes: page, nextToken });
}
