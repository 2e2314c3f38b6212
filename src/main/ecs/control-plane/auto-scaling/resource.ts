import type * as Aas from '@aws-sdk/client-application-auto-scaling';
import { readOperation, writeOperation, type ResourceModule } from '../core/resource-module';
import { describeScalingActivities } from './activity-operations';
import { autoScalingController } from './controller';
import { deleteScalingPolicy, describeScalingPolicies, putScalingPolicy } from './policies';
import {
  autoScalingSettings,
  scalableTargets,
  scalingActivities,
  scalingPolicies,
} from './records';
import {
  deregisterScalableTarget,
  describeScalableTargets,
  registerScalableTarget,
} from './targets';

const targetMembers = {
  ServiceNamespace: 'text',
  ResourceId: 'ref',
  ScalableDimension: 'text',
} as const;
const describeMembers = {
  ServiceNamespace: 'text',
  ScalableDimension: 'text',
  MaxResults: 'int',
  NextToken: 'text',
} as const;
const metricMembers = {
  object: { PredefinedMetricType: 'text', ResourceLabel: 'text' },
} as const;

/** Application Auto Scaling for ECS services (`service/<cluster>/<service>`). */
export const autoScalingResource = {
  name: 'autoScaling',
  api: 'applicationAutoScaling',
  operations: [
    writeOperation<Aas.RegisterScalableTargetRequest>()(
      'RegisterScalableTarget',
      registerScalableTarget,
      {
        ...targetMembers,
        MinCapacity: 'int',
        MaxCapacity: 'int',
        RoleARN: 'text',
        SuspendedState: {
          object: {
            DynamicScalingInSuspended: 'bool',
            DynamicScalingOutSuspended: 'bool',
            ScheduledScalingSuspended: 'bool',
          },
        },
      },
    ),
    readOperation<Aas.DescribeScalableTargetsRequest>()(
      'DescribeScalableTargets',
      describeScalableTargets,
      { ...describeMembers, ResourceIds: 'refs' },
    ),
    writeOperation<Aas.DeregisterScalableTargetRequest>()(
      'DeregisterScalableTarget',
      deregisterScalableTarget,
      targetMembers,
    ),
    writeOperation<Aas.PutScalingPolicyRequest>()('PutScalingPolicy', putScalingPolicy, {
      ...targetMembers,
      PolicyName: 'text',
      PolicyType: 'text',
      TargetTrackingScalingPolicyConfiguration: {
        object: {
          TargetValue: 'int',
          PredefinedMetricSpecification: metricMembers,
          ScaleOutCooldown: 'int',
          ScaleInCooldown: 'int',
          DisableScaleIn: 'bool',
        },
      },
      StepScalingPolicyConfiguration: {
        object: {
          AdjustmentType: 'text',
          StepAdjustments: {
            list: {
              MetricIntervalLowerBound: 'int',
              MetricIntervalUpperBound: 'int',
              ScalingAdjustment: 'int',
            },
          },
          MinAdjustmentMagnitude: 'int',
          Cooldown: 'int',
          MetricAggregationType: 'text',
        },
      },
    }),
    readOperation<Aas.DescribeScalingPoliciesRequest>()(
      'DescribeScalingPolicies',
      describeScalingPolicies,
      { ...describeMembers, ResourceId: 'ref', PolicyNames: 'texts' },
    ),
    writeOperation<Aas.DeleteScalingPolicyRequest>()('DeleteScalingPolicy', deleteScalingPolicy, {
      ...targetMembers,
      PolicyName: 'text',
    }),
    readOperation<Aas.DescribeScalingActivitiesRequest>()(
      'DescribeScalingActivities',
      describeScalingActivities,
      { ...describeMembers, ResourceId: 'ref', IncludeNotScaledActivities: 'bool' },
    ),
  ],
  controller: autoScalingController,
  collections: [scalableTargets, scalingPolicies, scalingActivities, autoScalingSettings],
} as const satisfies ResourceModule;
