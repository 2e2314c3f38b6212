/** A service as DescribeServices, CreateService, UpdateService and DeleteService answer it. */
import type { Service } from '@aws-sdk/client-ecs';
import { compact } from '../core/context';
import type { EcsState, TaskRecord } from '../core/state';
import { toServiceEvents } from './events';
import { deploymentsOf, eventsOf, toServiceTask, type ServiceRecord } from './records';
import { toDeployments } from './rollout';
import { withAdoptedTasks } from './traffic-shift';

export function toService(
  state: EcsState,
  service: ServiceRecord,
  tasks: readonly TaskRecord[],
  includeTags = false,
): Service {
  const records = deploymentsOf(state, service.serviceArn);
  const serviceTasks = tasks.map((task) => toServiceTask(state, task));
  const live = tasks.filter((task) => task.lastStatus !== 'STOPPED');
  const running = live.filter((task) => task.lastStatus === 'RUNNING').length;
  const primary = records.find((record) => record.status === 'PRIMARY');
  return compact<Service>({
    serviceArn: service.serviceArn,
    serviceName: service.serviceName,
    clusterArn: service.clusterArn,
    loadBalancers: structuredClone(service.loadBalancers),
    serviceRegistries: [],
    status: service.status,
    desiredCount: service.desiredCount,
    runningCount: running,
    pendingCount: live.filter((task) => task.lastStatus === 'PENDING').length,
    launchType: service.launchType,
    platformVersion: service.platformVersion,
    platformFamily: service.launchType === 'FARGATE' ? 'Linux' : undefined,
    taskDefinition: primary?.taskDefinition,
    deploymentConfiguration: structuredClone(service.deploymentConfiguration),
    deployments:
      service.status === 'INACTIVE'
        ? []
        : toDeployments(records, withAdoptedTasks(records, serviceTasks)),
    events: toServiceEvents(eventsOf(state, service.serviceArn)),
    createdAt: new Date(service.createdAt),
    placementConstraints: structuredClone(service.placementConstraints),
    placementStrategy: structuredClone(service.placementStrategy),
    networkConfiguration:
      service.networkConfiguration && structuredClone(service.networkConfiguration),
    healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
    schedulingStrategy: service.schedulingStrategy,
    deploymentController: { type: 'ECS' },
    tags: includeTags ? structuredClone(service.tags) : undefined,
    enableECSManagedTags: service.enableECSManagedTags,
    propagateTags: service.propagateTags,
    enableExecuteCommand: service.enableExecuteCommand,
    availabilityZoneRebalancing: service.availabilityZoneRebalancing,
  });
}
