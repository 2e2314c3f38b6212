import type { Service, TaskDefinition } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import {
  createServiceInput,
  deployScript,
  taskDefinitionOfFileName,
  type ClusterExport,
} from './cli-files';
import { cloudFormationTemplate, logicalId, toCloudFormation } from './cloudformation';
import { exportFiles } from './export-files';
import { planImport, serviceRequestFor } from './import-plan';
import { chooseRevisions, familyRevisionOf } from './select';

const arn = (family: string, revision: number) =>
  `arn:aws:ecs:us-east-1:000000000000:task-definition/${family}:${revision}`;

function definition(family: string, revision: number, status = 'ACTIVE'): TaskDefinition {
  return {
    taskDefinitionArn: arn(family, revision),
    family,
    revision,
    status: status as TaskDefinition['status'],
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    registeredAt: new Date(0),
    compatibilities: ['EC2', 'FARGATE'],
    containerDefinitions: [
      {
        name: 'app',
        image: 'nginx:1.27',
        essential: true,
        portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }],
        environment: [{ name: 'MODE', value: 'demo' }],
        dockerLabels: { 'com.example.team': 'web' },
        healthCheck: { command: ['CMD-SHELL', 'exit 0'], interval: 10, retries: 2 },
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web' } },
      },
    ],
  };
}

const service: Service = {
  serviceArn: 'arn:aws:ecs:us-east-1:000000000000:service/demo/web',
  serviceName: 'web',
  clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/demo',
  status: 'ACTIVE',
  taskDefinition: arn('web', 2),
  desiredCount: 3,
  runningCount: 3,
  launchType: 'FARGATE',
  platformVersion: 'LATEST',
  schedulingStrategy: 'REPLICA',
  deploymentConfiguration: {
    maximumPercent: 200,
    minimumHealthyPercent: 50,
    deploymentCircuitBreaker: { enable: true, rollback: true },
  },
  networkConfiguration: {
    awsvpcConfiguration: { subnets: ['subnet-1', 'subnet-2'], assignPublicIp: 'DISABLED' },
  },
  placementStrategy: [],
  enableECSManagedTags: true,
  propagateTags: 'SERVICE',
  events: [{ id: 'e', message: 'steady' }],
  deployments: [{ id: 'ecs-svc/1', taskDefinition: arn('web', 2), status: 'PRIMARY' }],
};

const exported: ClusterExport = {
  clusterName: 'demo',
  taskDefinitions: [
    { definition: definition('web', 1), tags: [] },
    { definition: definition('web', 2), tags: [{ key: 'team', value: 'web' }] },
  ],
  services: [{ service, tags: [{ key: 'env', value: 'demo' }] }],
};

describe('choosing the revisions to export', () => {
  it('keeps the ACTIVE revisions in use and the latest of each family used, oldest first', () => {
    const active = [
      definition('web', 3),
      definition('web', 1),
      definition('web', 2),
      definition('worker', 4),
      definition('unused', 1),
    ];
    const chosen = chooseRevisions([arn('web', 1), arn('worker', 4), arn('gone', 2)], active);
    expect(chosen.map((d) => `${d.family}:${d.revision}`)).toEqual(['web:1', 'web:3', 'worker:4']);
    expect(familyRevisionOf(arn('my-family_2', 12))).toEqual({
      family: 'my-family_2',
      revision: 12,
    });
  });
});

describe('AWS CLI files', () => {
  it('names a file per revision and per service, then the script and the template', () => {
    expect(exportFiles(exported).map((file) => file.name)).toEqual([
      'taskdef-web-1.json',
      'taskdef-web-2.json',
      'service-web.json',
      'deploy.sh',
      'cloudformation.json',
    ]);
    expect(taskDefinitionOfFileName('taskdef-my-web-12.json')).toEqual({
      family: 'my-web',
      revision: 12,
    });
  });

  it('writes the register-task-definition input without what ECS adds', () => {
    const [first] = exportFiles(exported);
    const input = JSON.parse(first!.text) as Record<string, unknown>;
    expect(input).toMatchObject({ family: 'web', networkMode: 'awsvpc', cpu: '256' });
    for (const member of ['taskDefinitionArn', 'revision', 'status', 'compatibilities']) {
      expect(input).not.toHaveProperty(member);
    }
  });

  it('writes the create-service input with what the service has now', () => {
    expect(createServiceInput(service, 'demo', [{ key: 'env', value: 'demo' }])).toEqual({
      cluster: 'demo',
      serviceName: 'web',
      taskDefinition: 'web:2',
      desiredCount: 3,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      schedulingStrategy: 'REPLICA',
      deploymentConfiguration: service.deploymentConfiguration,
      networkConfiguration: service.networkConfiguration,
      enableECSManagedTags: true,
      propagateTags: 'SERVICE',
      tags: [{ key: 'env', value: 'demo' }],
    });
    const daemon = createServiceInput({ ...service, schedulingStrategy: 'DAEMON' }, 'demo', []);
    expect(daemon).not.toHaveProperty('desiredCount');
  });

  it('deploys the revisions in order and points each service at its new ARN', () => {
    const script = deployScript(exported);
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    const commands = script.split('\n').filter((line) => line.includes('aws ecs'));
    expect(commands).toEqual([
      'aws ecs create-cluster --cluster-name "$CLUSTER" >/dev/null',
      'TD_WEB_1=$(aws ecs register-task-definition --cli-input-json file://taskdef-web-1.json --query taskDefinition.taskDefinitionArn --output text)',
      'TD_WEB_2=$(aws ecs register-task-definition --cli-input-json file://taskdef-web-2.json --query taskDefinition.taskDefinitionArn --output text)',
      'aws ecs create-service --cli-input-json file://service-web.json --cluster "$CLUSTER" --task-definition "$TD_WEB_2" >/dev/null',
    ]);
  });
});

describe('the CloudFormation template', () => {
  it('writes properties in CloudFormation’s names, keeping the keys of maps', () => {
    expect(
      toCloudFormation({
        containerDefinitions: [{ dockerLabels: { 'a.b': 'c' }, portMappings: [{ hostPort: 1 }] }],
        placementStrategy: [{ type: 'spread', field: 'instanceId' }],
        volumes: [{ name: 'v', efsVolumeConfiguration: { fileSystemId: 'fs-1' } }],
      }),
    ).toEqual({
      ContainerDefinitions: [{ DockerLabels: { 'a.b': 'c' }, PortMappings: [{ HostPort: 1 }] }],
      PlacementStrategies: [{ Type: 'spread', Field: 'instanceId' }],
      Volumes: [{ Name: 'v', EFSVolumeConfiguration: { FileSystemId: 'fs-1' } }],
    });
    expect(logicalId('Service', 'my-web_2')).toBe('ServiceMyWeb2');
  });

  it('declares the cluster, each revision and each service, tied by Ref', () => {
    const template = cloudFormationTemplate(exported) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    expect(Object.keys(template.Resources)).toEqual([
      'Cluster',
      'TaskDefinitionWeb1',
      'TaskDefinitionWeb2',
      'ServiceWeb',
    ]);
    expect(template.Resources.Cluster).toEqual({
      Type: 'AWS::ECS::Cluster',
      Properties: { ClusterName: { Ref: 'ClusterName' } },
    });
    const definition2 = template.Resources.TaskDefinitionWeb2!;
    expect(definition2.Type).toBe('AWS::ECS::TaskDefinition');
    expect(definition2.Properties).toMatchObject({
      Family: 'web',
      NetworkMode: 'awsvpc',
      RequiresCompatibilities: ['FARGATE'],
      Cpu: '256',
      Memory: '512',
      Tags: [{ Key: 'team', Value: 'web' }],
      ContainerDefinitions: [
        {
          Name: 'app',
          Image: 'nginx:1.27',
          Essential: true,
          PortMappings: [{ ContainerPort: 80, HostPort: 80, Protocol: 'tcp' }],
          Environment: [{ Name: 'MODE', Value: 'demo' }],
          DockerLabels: { 'com.example.team': 'web' },
          HealthCheck: { Command: ['CMD-SHELL', 'exit 0'], Interval: 10, Retries: 2 },
          LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': '/ecs/web' } },
        },
      ],
    });
    expect(template.Resources.ServiceWeb).toEqual({
      Type: 'AWS::ECS::Service',
      Properties: {
        Cluster: { Ref: 'Cluster' },
        TaskDefinition: { Ref: 'TaskDefinitionWeb2' },
        ServiceName: 'web',
        DesiredCount: 3,
        LaunchType: 'FARGATE',
        PlatformVersion: 'LATEST',
        SchedulingStrategy: 'REPLICA',
        DeploymentConfiguration: {
          MaximumPercent: 200,
          MinimumHealthyPercent: 50,
          DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        },
        NetworkConfiguration: {
          AwsvpcConfiguration: { Subnets: ['subnet-1', 'subnet-2'], AssignPublicIp: 'DISABLED' },
        },
        EnableECSManagedTags: true,
        PropagateTags: 'SERVICE',
        Tags: [{ Key: 'env', Value: 'demo' }],
      },
    });
  });
});

describe('planning an import', () => {
  it('takes task definitions first, in revision order, and reports files it cannot use', () => {
    const files = exportFiles(exported).reverse();
    files.push({ name: 'broken.json', text: '{' }, { name: 'other.json', text: '{"a":1}' });
    const plan = planImport(files);
    expect(plan.taskDefinitions.map((entry) => [entry.file, entry.exportedAs])).toEqual([
      ['taskdef-web-1.json', 'web:1'],
      ['taskdef-web-2.json', 'web:2'],
    ]);
    expect(plan.services.map((entry) => entry.file)).toEqual(['service-web.json']);
    expect(plan.failures).toEqual([
      { file: 'broken.json', reason: expect.stringMatching(/^Invalid JSON received: /) },
      {
        file: 'other.json',
        reason: 'Neither a task definition (containerDefinitions) nor a service (serviceName).',
      },
    ]);
  });

  it('points a service at the revision registered for the one it was exported with', () => {
    const input = { serviceName: 'web', cluster: 'demo', taskDefinition: 'web:2' };
    const registered = new Map([['web:2', arn('web', 7)]]);
    expect(serviceRequestFor(input, 'copy', registered)).toEqual({
      serviceName: 'web',
      cluster: 'copy',
      taskDefinition: arn('web', 7),
    });
    expect(serviceRequestFor({ ...input, taskDefinition: 'other:1' }, 'copy', registered)).toEqual({
      serviceName: 'web',
      cluster: 'copy',
      taskDefinition: 'other:1',
    });
  });
});
