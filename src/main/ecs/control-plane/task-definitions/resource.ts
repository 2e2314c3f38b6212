import type * as Ecs from '@aws-sdk/client-ecs';
import {
  pageMembers,
  readOperation,
  tagMembers,
  writeOperation,
  type ResourceModule,
} from '../core/resource-module';
import { taskDefinitionsController } from './controller';
import {
  deleteTaskDefinitions,
  deregisterTaskDefinition,
  describeTaskDefinition,
  listTaskDefinitionFamilies,
  listTaskDefinitions,
  registerTaskDefinition,
} from './operations';

const containerMembers = {
  name: 'text',
  image: 'text',
  cpu: 'int',
  memory: 'int',
  memoryReservation: 'int',
  essential: 'bool',
  portMappings: { list: { containerPort: 'int', hostPort: 'int', protocol: 'text' } },
  environment: { list: { name: 'text', value: 'text' } },
  command: 'texts',
  healthCheck: { object: { command: 'texts', interval: 'int', retries: 'int' } },
  stopTimeout: 'int',
} as const;

export const taskDefinitionsResource = {
  name: 'taskDefinitions',
  operations: [
    writeOperation<Ecs.RegisterTaskDefinitionRequest>()(
      'RegisterTaskDefinition',
      registerTaskDefinition,
      {
        family: 'ref',
        networkMode: 'text',
        containerDefinitions: { list: containerMembers },
        requiresCompatibilities: 'texts',
        cpu: 'text',
        memory: 'text',
        placementConstraints: { list: { type: 'text', expression: 'text' } },
        tags: tagMembers,
      },
    ),
    writeOperation<Ecs.DeregisterTaskDefinitionRequest>()(
      'DeregisterTaskDefinition',
      deregisterTaskDefinition,
      { taskDefinition: 'ref' },
    ),
    writeOperation<Ecs.DeleteTaskDefinitionsRequest>()(
      'DeleteTaskDefinitions',
      deleteTaskDefinitions,
      { taskDefinitions: 'refs' },
    ),
    readOperation<Ecs.DescribeTaskDefinitionRequest>()(
      'DescribeTaskDefinition',
      describeTaskDefinition,
      { taskDefinition: 'ref', include: 'texts' },
    ),
    readOperation<Ecs.ListTaskDefinitionsRequest>()('ListTaskDefinitions', listTaskDefinitions, {
      familyPrefix: 'ref',
      status: 'text',
      sort: 'text',
      ...pageMembers,
    }),
    readOperation<Ecs.ListTaskDefinitionFamiliesRequest>()(
      'ListTaskDefinitionFamilies',
      listTaskDefinitionFamilies,
      { familyPrefix: 'ref', status: 'text', ...pageMembers },
    ),
  ],
  controller: taskDefinitionsController,
} as const satisfies ResourceModule;
