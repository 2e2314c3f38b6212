import type { CreateServiceRequest, Service, Tag, TaskDefinition } from '@aws-sdk/client-ecs';
import type { EcsExportFile } from '../../../shared/contract/ecs-services';
import { exportTaskDefinitionInput } from '../control-plane/task-definitions/export';

/** A task definition as it is exported: the revision, with its tags. */
export interface ExportedTaskDefinition {
  definition: TaskDefinition;
  tags: Tag[];
}

/** A service as it is exported: DescribeServices' shape, with its tags. */
export interface ExportedService {
  service: Service;
  tags: Tag[];
}

export interface ClusterExport {
  clusterName: string;
  /** Oldest first within a family, families in name order: the order they are registered in. */
  taskDefinitions: ExportedTaskDefinition[];
  services: ExportedService[];
}

export const deployScriptName = 'deploy.sh';
export const templateName = 'cloudformation.json';

export function taskDefinitionFileName(family: string, revision: number): string {
  return `taskdef-${family}-${revision}.json`;
}

export function serviceFileName(serviceName: string): string {
  return `service-${serviceName}.json`;
}

/** `taskdef-<family>-<revision>.json` read back: the revision the file was exported from. */
export function taskDefinitionOfFileName(
  name: string,
): { family: string; revision: number } | undefined {
  const match = /^taskdef-([A-Za-z0-9_-]+)-(\d+)\.json$/.exec(name);
  return match ? { family: match[1]!, revision: Number(match[2]) } : undefined;
}

/** `family:revision` of a task definition ARN (or of that reference itself). */
export function revisionRef(taskDefinition: string): string {
  return taskDefinition.slice(taskDefinition.lastIndexOf('/') + 1);
}

/**
 * The JSON that `aws ecs create-service --cli-input-json` takes for `service`: what it was
 * created with and has now (desired count, revision, network, placement, deployment
 * configuration), naming its task definition `family:revision` and its cluster by name.
 */
export function createServiceInput(
  service: Service,
  clusterName: string,
  tags: readonly Tag[],
): CreateServiceRequest {
  const input: CreateServiceRequest = {
    cluster: clusterName,
    serviceName: service.serviceName ?? '',
    taskDefinition: revisionRef(service.taskDefinition ?? ''),
    ...(service.schedulingStrategy !== 'DAEMON' ? { desiredCount: service.desiredCount ?? 0 } : {}),
    ...(service.capacityProviderStrategy?.length
      ? { capacityProviderStrategy: structuredClone(service.capacityProviderStrategy) }
      : service.launchType
        ? { launchType: service.launchType }
        : {}),
    ...(service.platformVersion ? { platformVersion: service.platformVersion } : {}),
    ...(service.schedulingStrategy ? { schedulingStrategy: service.schedulingStrategy } : {}),
    ...(service.deploymentConfiguration
      ? { deploymentConfiguration: structuredClone(service.deploymentConfiguration) }
      : {}),
    ...(service.deploymentController
      ? { deploymentController: structuredClone(service.deploymentController) }
      : {}),
    ...(service.networkConfiguration
      ? { networkConfiguration: structuredClone(service.networkConfiguration) }
      : {}),
    ...(service.placementConstraints?.length
      ? { placementConstraints: structuredClone(service.placementConstraints) }
      : {}),
    ...(service.placementStrategy?.length
      ? { placementStrategy: structuredClone(service.placementStrategy) }
      : {}),
    ...(service.loadBalancers?.length
      ? { loadBalancers: structuredClone(service.loadBalancers) }
      : {}),
    ...(service.serviceRegistries?.length
      ? { serviceRegistries: structuredClone(service.serviceRegistries) }
      : {}),
    ...(service.healthCheckGracePeriodSeconds !== undefined
      ? { healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds }
      : {}),
    ...(service.enableECSManagedTags !== undefined
      ? { enableECSManagedTags: service.enableECSManagedTags }
      : {}),
    ...(service.propagateTags && service.propagateTags !== 'NONE'
      ? { propagateTags: service.propagateTags }
      : {}),
    ...(service.enableExecuteCommand !== undefined
      ? { enableExecuteCommand: service.enableExecuteCommand }
      : {}),
    ...(tags.length > 0 ? { tags: tags.map(({ key, value }) => ({ key, value })) } : {}),
  };
  return input;
}

/** A shell variable name for a task definition revision's new ARN. */
function arnVariable(family: string, revision: number): string {
  return `TD_${family.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}_${revision}`;
}

/**
 * The script that deploys the export with the AWS CLI: the cluster, then each task definition
 * (its new ARN kept, as real ECS numbers revisions its own way), then each service pointed at
 * the revision registered for it.
 */
export function deployScript(exported: ClusterExport): string {
  const arnOf = new Map<string, string>();
  const lines = [
    '#!/bin/sh',
    `# Deploys what the cluster ${exported.clusterName} runs to Amazon ECS with the AWS CLI.`,
    '# Usage: CLUSTER=name ./deploy.sh   (the AWS CLI takes its region and credentials as usual)',
    '# Services on EC2 need container instances in the cluster; awsvpc services need the',
    '# subnets and security groups their files name to exist in the account.',
    'set -eu',
    'cd "$(dirname "$0")"',
    `CLUSTER="\${CLUSTER:-${exported.clusterName}}"`,
    '',
    'aws ecs create-cluster --cluster-name "$CLUSTER" >/dev/null',
    '',
  ];
  for (const { definition } of exported.taskDefinitions) {
    const family = definition.family ?? '';
    const revision = definition.revision ?? 0;
    const variable = arnVariable(family, revision);
    arnOf.set(`${family}:${revision}`, variable);
    lines.push(
      `${variable}=$(aws ecs register-task-definition --cli-input-json file://${taskDefinitionFileName(family, revision)} --query taskDefinition.taskDefinitionArn --output text)`,
      `echo "registered $${variable}"`,
    );
  }
  if (exported.services.length > 0) lines.push('');
  for (const { service } of exported.services) {
    const variable = arnOf.get(revisionRef(service.taskDefinition ?? ''));
    const taskDefinition = variable
      ? `"$${variable}"`
      : `"${revisionRef(service.taskDefinition ?? '')}"`;
    lines.push(
      `aws ecs create-service --cli-input-json file://${serviceFileName(service.serviceName ?? '')} --cluster "$CLUSTER" --task-definition ${taskDefinition} >/dev/null`,
      `echo "created service ${service.serviceName ?? ''}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Every AWS CLI input file of the export, in the order deploy.sh runs them. */
export function cliFiles(exported: ClusterExport): EcsExportFile[] {
  return [
    ...exported.taskDefinitions.map(({ definition, tags }) => ({
      name: taskDefinitionFileName(definition.family ?? '', definition.revision ?? 0),
      text: json(exportTaskDefinitionInput(definition, tags)),
    })),
    ...exported.services.map(({ service, tags }) => ({
      name: serviceFileName(service.serviceName ?? ''),
      text: json(createServiceInput(service, exported.clusterName, tags)),
    })),
  ];
}
