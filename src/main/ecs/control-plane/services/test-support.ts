import type { SchedulerService, ServiceTask } from './types';

export const primaryId = 'ecs-svc/1000000000000000001';
export const oldId = 'ecs-svc/1000000000000000000';

export function service(overrides: Partial<SchedulerService> = {}): SchedulerService {
  return {
    serviceName: 'web',
    desiredCount: 3,
    schedulingStrategy: 'REPLICA',
    launchType: 'EC2',
    minimumHealthyPercent: 100,
    maximumPercent: 200,
    availabilityZoneRebalancing: 'ENABLED',
    ...overrides,
  };
}

let sequence = 0;

/** A RUNNING task of the primary deployment unless told otherwise. */
export function task(overrides: Partial<ServiceTask> = {}): ServiceTask {
  sequence++;
  return {
    taskArn: `arn:aws:ecs:us-east-1:000000000000:task/test/${String(sequence).padStart(32, '0')}`,
    deploymentId: primaryId,
    lastStatus: 'RUNNING',
    desiredStatus: 'RUNNING',
    cpu: 256,
    memory: 512,
    ...overrides,
  };
}
