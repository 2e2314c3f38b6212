/** RegisterScalableTarget, DescribeScalableTargets and DeregisterScalableTarget. */
import type {
  DeregisterScalableTargetResponse,
  DescribeScalableTargetsResponse,
  RegisterScalableTargetResponse,
  ScalableTarget,
} from '@aws-sdk/client-application-auto-scaling';
import type { Outcome, PlaneContext } from '../core/context';
import { compact, toDate } from '../core/context';
import { randomHex } from '../core/ids';
import { Params } from '../core/params';
import type { EcsChange } from '../core/state';
import { serviceArn } from '../services/names';
import { updateService } from '../services/operations';
import { services, type ServiceRecord } from '../services/records';
import { activityTexts, newActivity, recordActivity } from './activities';
import {
  noTarget,
  page,
  parseResourceId,
  readDimension,
  readNamespace,
  readTargetRef,
  reading,
  validation,
  type ServiceResource,
} from './read';
import {
  policiesOf,
  policyKey,
  scalableDimension,
  scalableTargets,
  scalingPolicies,
  serviceNamespace,
  type ScalableTargetRecord,
} from './records';

/** The service a resource id names, ACTIVE; ValidationException in AWS's words otherwise. */
export function activeServiceOf(ctx: PlaneContext, resource: ServiceResource): ServiceRecord {
  const service = services.get(
    ctx.state,
    serviceArn(ctx.settings, resource.clusterName, resource.serviceName),
  );
  if (service?.status !== 'ACTIVE') {
    throw validation(`ECS service doesn't exist: ${resource.resourceId}`);
  }
  return service;
}

/** The changes that set a service's desired count as UpdateService does. */
export function setDesiredCount(
  ctx: PlaneContext,
  service: ServiceRecord,
  desiredCount: number,
): EcsChange[] {
  return updateService(ctx, {
    cluster: service.clusterArn,
    service: service.serviceName,
    desiredCount,
  }).changes;
}

const defaultRole = (ctx: PlaneContext) =>
  `arn:aws:iam::${ctx.settings.accountId}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService`;

export function registerScalableTarget(
  ctx: PlaneContext,
  input: unknown,
): Outcome<RegisterScalableTargetResponse> {
  const request = reading(() => {
    const params = Params.of(input);
    const resource = readTargetRef(params);
    const capacity = { min: 0, max: 2_147_483_647 };
    const suspended = params.object('SuspendedState');
    return {
      resource,
      min: params.integer('MinCapacity', capacity),
      max: params.integer('MaxCapacity', capacity),
      roleArn: params.string('RoleARN'),
      suspended: suspended && {
        DynamicScalingInSuspended: suspended.boolean('DynamicScalingInSuspended'),
        DynamicScalingOutSuspended: suspended.boolean('DynamicScalingOutSuspended'),
        ScheduledScalingSuspended: suspended.boolean('ScheduledScalingSuspended'),
      },
    };
  });
  const { resource } = request;
  const existing = scalableTargets.get(ctx.state, resource.resourceId);
  if (!existing && (request.min === undefined || request.max === undefined)) {
    throw validation(
      'MinCapacity and MaxCapacity are required for registering a new scalable target',
    );
  }
  const service = activeServiceOf(ctx, resource);
  const min = request.min ?? existing!.minCapacity;
  const max = request.max ?? existing!.maxCapacity;
  if (min > max) throw validation('Minimum capacity cannot be greater than maximum capacity');
  const before = existing?.suspendedState;
  const target: ScalableTargetRecord = {
    ...existing,
    resourceId: resource.resourceId,
    clusterArn: service.clusterArn,
    serviceArn: service.serviceArn,
    scalableTargetArn:
      existing?.scalableTargetArn ??
      `arn:aws:application-autoscaling:${ctx.settings.region}:${ctx.settings.accountId}:scalable-target/${randomHex(ctx.random, 36)}`,
    minCapacity: min,
    maxCapacity: max,
    roleArn: request.roleArn ?? existing?.roleArn ?? defaultRole(ctx),
    suspendedState: {
      DynamicScalingInSuspended:
        request.suspended?.DynamicScalingInSuspended ?? before?.DynamicScalingInSuspended ?? false,
      DynamicScalingOutSuspended:
        request.suspended?.DynamicScalingOutSuspended ??
        before?.DynamicScalingOutSuspended ??
        false,
      ScheduledScalingSuspended:
        request.suspended?.ScheduledScalingSuspended ?? before?.ScheduledScalingSuspended ?? false,
    },
    createdAt: existing?.createdAt ?? ctx.now,
  };
  const changes: EcsChange[] = [scalableTargets.put(target)];
  // The desired count is brought into the new range at once, as an activity of its own.
  const clamped = Math.min(max, Math.max(min, service.desiredCount));
  if (clamped !== service.desiredCount) {
    const cause =
      clamped > service.desiredCount
        ? activityTexts.minimumCause(min)
        : activityTexts.maximumCause(max);
    changes.push(
      ...setDesiredCount(ctx, service, clamped),
      recordActivity(ctx, newActivity(ctx, resource.resourceId, clamped, cause)),
    );
  }
  return { result: { ScalableTargetARN: target.scalableTargetArn }, changes };
}

export function toScalableTarget(target: ScalableTargetRecord): ScalableTarget {
  return compact({
    ServiceNamespace: serviceNamespace,
    ResourceId: target.resourceId,
    ScalableDimension: scalableDimension,
    MinCapacity: target.minCapacity,
    MaxCapacity: target.maxCapacity,
    RoleARN: target.roleArn,
    CreationTime: toDate(target.createdAt),
    SuspendedState: { ...target.suspendedState },
    ScalableTargetARN: target.scalableTargetArn,
  });
}

export function describeScalableTargets(
  ctx: PlaneContext,
  input: unknown,
): DescribeScalableTargetsResponse {
  return reading(() => {
    const params = Params.of(input);
    readNamespace(params);
    readDimension(params, false);
    const ids = params.stringList('ResourceIds');
    if (ids && ids.length > 50) throw validation('ResourceIds can have at most 50 items.');
    ids?.forEach((id) => parseResourceId(id));
    const all = scalableTargets
      .all(ctx.state)
      .filter((target) => ids === undefined || ids.includes(target.resourceId));
    const { page: items, nextToken } = page(params, all);
    return compact({ ScalableTargets: items.map(toScalableTarget), NextToken: nextToken });
  });
}

export function deregisterScalableTarget(
  ctx: PlaneContext,
  input: unknown,
): Outcome<DeregisterScalableTargetResponse> {
  const { resourceId } = reading(() => readTargetRef(Params.of(input)));
  if (!scalableTargets.get(ctx.state, resourceId)) throw noTarget(resourceId);
  // Its scaling policies go with it, as they do in AWS.
  const policies = policiesOf(ctx.state, resourceId).map((policy) =>
    scalingPolicies.delete(policyKey(policy.resourceId, policy.policyName)),
  );
  return { result: {}, changes: [scalableTargets.delete(resourceId), ...policies] };
}
