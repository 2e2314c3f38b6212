import type * as Ecs from '@aws-sdk/client-ecs';
import {
  pageMembers,
  readOperation,
  tagMembers,
  writeOperation,
  type ResourceModule,
} from '../core/resource-module';
import { tasksController } from './controller';
import { describeTasks, listTasks, stopTask } from './describe-list-stop';
import { runTask, startTask } from './run';

const overrideMembers = {
  object: {
    containerOverrides: { list: { name: 'text', command: 'texts', cpu: 'int', memory: 'int' } },
    cpu: 'text',
    memory: 'text',
  },
} as const;

export const tasksResource = {
  name: 'tasks',
  operations: [
    writeOperation<Ecs.RunTaskRequest>()('RunTask', runTask, {
      cluster: 'ref',
      taskDefinition: 'ref',
      count: 'int',
      startedBy: 'text',
      group: 'text',
      launchType: 'text',
      overrides: overrideMembers,
      placementConstraints: { list: { type: 'text', expression: 'text' } },
      placementStrategy: { list: { type: 'text', field: 'text' } },
      networkConfiguration: {
        object: { awsvpcConfiguration: { object: { subnets: 'texts', securityGroups: 'texts' } } },
      },
      tags: tagMembers,
    }),
    writeOperation<Ecs.StartTaskRequest>()('StartTask', startTask, {
      cluster: 'ref',
      taskDefinition: 'ref',
      containerInstances: 'refs',
      overrides: overrideMembers,
    }),
    writeOperation<Ecs.StopTaskRequest>()('StopTask', stopTask, {
      cluster: 'ref',
      task: 'ref',
      reason: 'text',
    }),
    readOperation<Ecs.DescribeTasksRequest>()('DescribeTasks', describeTasks, {
      cluster: 'ref',
      tasks: 'refs',
      include: 'texts',
    }),
    readOperation<Ecs.ListTasksRequest>()('ListTasks', listTasks, {
      cluster: 'ref',
      containerInstance: 'ref',
      family: 'ref',
      startedBy: 'text',
      serviceName: 'text',
      desiredStatus: 'text',
      launchType: 'text',
      ...pageMembers,
    }),
  ],
  controller: tasksController,
} as const satisfies ResourceModule;
