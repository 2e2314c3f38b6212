import type { Tag } from '@aws-sdk/client-ecs';
import { omit } from '../control-plane/core/context';
import { exportTaskDefinitionInput } from '../control-plane/task-definitions/export';
import { createServiceInput, revisionRef, type ClusterExport } from './cli-files';

/**
 * Members whose value is a map of the user's own keys (labels, log driver options): their
 * keys are kept as they are while every other key takes CloudFormation's PascalCase.
 */
const mapMembers = new Set(['dockerLabels', 'options', 'driverOpts', 'labels']);

/** Where CloudFormation's name is not the API's with a capital first letter. */
const renamed: Record<string, string> = {
  efsVolumeConfiguration: 'EFSVolumeConfiguration',
  properties: 'ProxyConfigurationProperties',
  placementStrategy: 'PlacementStrategies',
};

/** An API shape (camelCase members) as CloudFormation writes its properties (PascalCase). */
export function toCloudFormation(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCloudFormation);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    const name = renamed[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
    out[name] = mapMembers.has(key) ? structuredClone(member) : toCloudFormation(member);
  }
  return out;
}

/** A logical ID: letters and digits only, as CloudFormation requires. */
export function logicalId(kind: string, name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return kind + words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

const cfnTags = (tags: readonly Tag[]) =>
  tags.map(({ key, value }) => ({ Key: key, Value: value }));

/**
 * A CloudFormation template (JSON) that deploys the same on real ECS: the cluster
 * (AWS::ECS::Cluster), each exported revision (AWS::ECS::TaskDefinition) and each service
 * (AWS::ECS::Service) referring to the cluster and to its revision by `Ref`.
 */
export function cloudFormationTemplate(exported: ClusterExport): Record<string, unknown> {
  const clusterId = 'Cluster';
  const resources: Record<string, unknown> = {
    [clusterId]: {
      Type: 'AWS::ECS::Cluster',
      Properties: { ClusterName: { Ref: 'ClusterName' } },
    },
  };
  const definitionIds = new Map<string, string>();
  for (const { definition, tags } of exported.taskDefinitions) {
    const ref = `${definition.family ?? ''}:${definition.revision ?? 0}`;
    const id = logicalId(
      'TaskDefinition',
      `${definition.family ?? ''}-${definition.revision ?? 0}`,
    );
    definitionIds.set(ref, id);
    const { tags: inputTags, ...input } = exportTaskDefinitionInput(definition, tags);
    resources[id] = {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        ...(toCloudFormation(input) as Record<string, unknown>),
        ...(inputTags?.length ? { Tags: cfnTags(inputTags) } : {}),
      },
    };
  }
  for (const { service, tags } of exported.services) {
    const input = createServiceInput(service, exported.clusterName, tags);
    const { taskDefinition, tags: serviceTags } = input;
    const rest = omit(input, ['cluster', 'taskDefinition', 'tags']);
    const definitionId = definitionIds.get(revisionRef(taskDefinition ?? ''));
    resources[logicalId('Service', input.serviceName ?? '')] = {
      Type: 'AWS::ECS::Service',
      Properties: {
        Cluster: { Ref: clusterId },
        TaskDefinition: definitionId ? { Ref: definitionId } : taskDefinition,
        ...(toCloudFormation(rest) as Record<string, unknown>),
        ...(serviceTags?.length ? { Tags: cfnTags(serviceTags) } : {}),
      },
    };
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `The task definitions and services of the ECS cluster ${exported.clusterName}. Services on EC2 need container instances registered with the cluster; awsvpc services need the subnets and security groups they name.`,
    Parameters: {
      ClusterName: {
        Type: 'String',
        Default: exported.clusterName,
        Description: 'The name of the cluster to create.',
      },
    },
    Resources: resources,
    Outputs: {
      ClusterArn: { Value: { 'Fn::GetAtt': [clusterId, 'Arn'] } },
    },
  };
}
