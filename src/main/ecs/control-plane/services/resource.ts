import type * as Ecs from '@aws-sdk/client-ecs';
import {
  pageMembers,
  readOperation,
  tagMembers,
  writeOperation,
  type ResourceModule,
} from '../core/resource-module';
import { servicesController } from './controller';
import { serviceDeployments, serviceEvents, services } from './records';
import {
  describeServiceDeployments,
  describeServiceRevisions,
  listServiceDeployments,
} from './history-operations';
import {
  createService,
  deleteService,
  describeServices,
  listServices,
  updateService,
} from './operations';
import { stopServiceDeployment } from './stop-deployment';

const deploymentConfigurationMembers = {
  object: {
    maximumPercent: 'int',
    minimumHealthyPercent: 'int',
    deploymentCircuitBreaker: { object: { enable: 'bool', rollback: 'bool' } },
    strategy: 'text',
    bakeTimeInMinutes: 'int',
    linearConfiguration: { object: { stepPercent: 'int', stepBakeTimeInMinutes: 'int' } },
    canaryConfiguration: { object: { canaryPercent: 'int', canaryBakeTimeInMinutes: 'int' } },
  },
} as const;
const networkMembers = {
  object: {
    awsvpcConfiguration: {
      object: { subnets: 'texts', securityGroups: 'texts', assignPublicIp: 'text' },
    },
  },
} as const;
const placementMembers = {
  placementConstraints: { list: { type: 'text', expression: 'text' } },
  placementStrategy: { list: { type: 'text', field: 'text' } },
} as const;

export const servicesResource = {
  name: 'services',
  operations: [
    writeOperation<Ecs.CreateServiceRequest>()('CreateService', createService, {
      cluster: 'ref',
      serviceName: 'text',
      taskDefinition: 'ref',
      desiredCount: 'int',
      launchType: 'text',
      platformVersion: 'text',
      schedulingStrategy: 'text',
      deploymentConfiguration: deploymentConfigurationMembers,
      networkConfiguration: networkMembers,
      ...placementMembers,
      healthCheckGracePeriodSeconds: 'int',
      availabilityZoneRebalancing: 'text',
      propagateTags: 'text',
      enableECSManagedTags: 'bool',
      tags: tagMembers,
    }),
    writeOperation<Ecs.UpdateServiceRequest>()('UpdateService', updateService, {
      cluster: 'ref',
      service: 'ref',
      taskDefinition: 'ref',
      desiredCount: 'int',
      forceNewDeployment: 'bool',
      deploymentConfiguration: deploymentConfigurationMembers,
      networkConfiguration: networkMembers,
      ...placementMembers,
      platformVersion: 'text',
      availabilityZoneRebalancing: 'text',
    }),
    writeOperation<Ecs.StopServiceDeploymentRequest>()(
      'StopServiceDeployment',
      stopServiceDeployment,
      { serviceDeploymentArn: 'ref', stopType: 'text' },
    ),
    writeOperation<Ecs.DeleteServiceRequest>()('DeleteService', deleteService, {
      cluster: 'ref',
      service: 'ref',
      force: 'bool',
    }),
    readOperation<Ecs.DescribeServicesRequest>()('DescribeServices', describeServices, {
      cluster: 'ref',
      services: 'refs',
      include: 'texts',
    }),
    readOperation<Ecs.ListServicesRequest>()('ListServices', listServices, {
      cluster: 'ref',
      launchType: 'text',
      schedulingStrategy: 'text',
      ...pageMembers,
    }),
    readOperation<Ecs.ListServiceDeploymentsRequest>()(
      'ListServiceDeployments',
      listServiceDeployments,
      { cluster: 'ref', service: 'ref', status: 'texts', ...pageMembers },
    ),
    readOperation<Ecs.DescribeServiceDeploymentsRequest>()(
      'DescribeServiceDeployments',
      describeServiceDeployments,
      { serviceDeploymentArns: 'refs' },
    ),
    readOperation<Ecs.DescribeServiceRevisionsRequest>()(
      'DescribeServiceRevisions',
      describeServiceRevisions,
      { serviceRevisionArns: 'refs' },
    ),
  ],
  controller: servicesController,
  collections: [services, serviceDeployments, serviceEvents],
} as const satisfies ResourceModule;
