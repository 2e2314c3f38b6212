import { z } from 'zod';
import {
  ecsChangedSchema,
  ecsClusterSchema,
  ecsContainerInstanceSchema,
  ecsReferenceSchema,
  ecsRunResultSchema,
  ecsStatusSchema,
  ecsTaskDefinitionSchema,
  ecsTaskSchema,
} from '../domain/ecs';
import { call, defineDomain, event } from './define';
import { ecsAgentCalls, ecsAgentEvents } from './ecs-agent';
import { ecsEndpointCalls } from './ecs-endpoint';
import { ecsExportCalls, ecsFaultCalls, ecsServiceCalls } from './ecs-services';
import { ecsAutoScalingCalls, ecsLoadBalancingCalls } from './ecs-load-balancing';
import { noInput } from './engine';

// Shapes only: what a value means (a name ECS accepts, a valid task definition) is checked by
// the control plane, so the app gets the same messages as the ECS API.
const cluster = ecsReferenceSchema;
const inCluster = { cluster };
const instanceRefs = z.array(ecsReferenceSchema).min(1).max(10);
const looseObject = z.record(z.string(), z.unknown());

const placementConstraintSchema = z
  .object({
    type: z.enum(['distinctInstance', 'memberOf']),
    expression: z.string().max(2000).optional(),
  })
  .strict();

const placementStrategySchema = z
  .object({
    type: z.enum(['binpack', 'spread', 'random']),
    field: z.string().max(255).optional(),
  })
  .strict();

/** What deleting a cluster takes along: its ECS resources and what the runtime made for it. */
export const ecsClusterContentsSchema = z.object({
  clusterArn: z.string(),
  /** ACTIVE, INACTIVE once deleted, or MISSING. */
  status: z.string(),
  /** Tasks not yet STOPPED (running, starting or stopping). */
  activeTasks: z.number(),
  stoppedTasks: z.number(),
  /** Container instances not yet deregistered. */
  instances: z.number(),
  services: z.number(),
  /** The runtime's containers of the cluster's tasks, exited ones included. */
  containers: z.number(),
  /** The networks the runtime made for the cluster. */
  networks: z.array(z.string()),
});
export type EcsClusterContents = z.infer<typeof ecsClusterContentsSchema>;

/**
 * A state change as ECS sends it to EventBridge: `detailType` and the detail's fields (those
 * of a task, or of a container instance), at the time the control plane committed it.
 */
export const ecsStateChangeEventSchema = z.object({
  id: z.string(),
  time: z.number(),
  detailType: z.enum(['ECS Task State Change', 'ECS Container Instance State Change']),
  clusterArn: z.string(),
  /** The task's or the container instance's ARN. */
  resourceArn: z.string(),
  lastStatus: z.string().optional(),
  desiredStatus: z.string().optional(),
  stoppedReason: z.string().optional(),
  stopCode: z.string().optional(),
  taskDefinitionArn: z.string().optional(),
  group: z.string().optional(),
  launchType: z.string().optional(),
  containerInstanceArn: z.string().optional(),
  /** The EC2 instance: the container instance's own, or the one the task runs on. */
  ec2InstanceId: z.string().optional(),
  /** A container instance's status (ACTIVE, DRAINING, INACTIVE) and its agent. */
  status: z.string().optional(),
  agentConnected: z.boolean().optional(),
});
export type EcsStateChangeEvent = z.infer<typeof ecsStateChangeEventSchema>;

export const ecsContract = defineDomain('ecs', {
  calls: {
    /** What runs the tasks, the region, the instance types and zones, store notices. */
    'ecs.status': call({ input: noInput, output: ecsStatusSchema }),

    /** Every ACTIVE cluster, described with its counters. */
    'ecs.clusters.list': call({ input: noInput, output: z.array(ecsClusterSchema) }),
    'ecs.clusters.create': call({
      input: z.object({ clusterName: z.string().max(2048) }).strict(),
      output: ecsClusterSchema,
    }),
    /** Refused with ECS's ClusterContains… exception while it has instances or tasks. */
    'ecs.clusters.delete': call({ input: z.object(inCluster).strict(), output: ecsClusterSchema }),

    /** What the cluster holds, for deleting it with everything in it; any status. */
    'ecs.clusters.contents': call({
      input: z.object(inCluster).strict(),
      output: ecsClusterContentsSchema,
    }),

    /** Recent task and container-instance state changes, newest first; refetch on ecs.changed. */
    'ecs.events.list': call({
      input: z.object({ cluster: ecsReferenceSchema.optional() }).strict(),
      output: z.array(ecsStateChangeEventSchema),
    }),

    /** The cluster's container instances (every status), described. */
    'ecs.instances.list': call({
      input: z.object(inCluster).strict(),
      output: z.array(ecsContainerInstanceSchema),
    }),
    /** Simulated EC2 instances of a type in a zone, registered with the cluster. */
    'ecs.instances.launch': call({
      input: z
        .object({
          cluster,
          instanceType: z.string().min(1).max(64),
          count: z.number().int().min(1).max(20),
          availabilityZone: z.string().min(1).max(64),
          /** The instances' IAM role, served to their tasks by instance metadata. */
          instanceRoleArn: z.string().min(1).max(1024).optional(),
          /** The agents' ECS_AWSVPC_BLOCK_IMDS: awsvpc tasks get no instance metadata. */
          awsvpcBlockImds: z.boolean().optional(),
        })
        .strict(),
      output: z.array(ecsContainerInstanceSchema),
    }),
    'ecs.instances.drain': call({
      input: z.object({ cluster, containerInstances: instanceRefs }).strict(),
      output: z.array(ecsContainerInstanceSchema),
    }),
    'ecs.instances.activate': call({
      input: z.object({ cluster, containerInstances: instanceRefs }).strict(),
      output: z.array(ecsContainerInstanceSchema),
    }),
    /** Without `force`, an instance with tasks is refused ("Found running tasks…"). */
    'ecs.instances.deregister': call({
      input: z
        .object({ cluster, containerInstance: ecsReferenceSchema, force: z.boolean() })
        .strict(),
      output: ecsContainerInstanceSchema,
    }),
    /** Disconnects (its tasks are lost) or reconnects an instance's agent. */
    'ecs.instances.setAgent': call({
      input: z
        .object({ cluster, containerInstance: ecsReferenceSchema, connected: z.boolean() })
        .strict(),
      output: z.object({}),
    }),

    'ecs.taskDefinitions.families': call({ input: noInput, output: z.array(z.string()) }),
    /** Every ACTIVE and INACTIVE revision, described, oldest first per family. */
    'ecs.taskDefinitions.list': call({
      input: noInput,
      output: z.array(ecsTaskDefinitionSchema),
    }),
    'ecs.taskDefinitions.describe': call({
      input: z.object({ taskDefinition: ecsReferenceSchema }).strict(),
      output: ecsTaskDefinitionSchema,
    }),
    /** A RegisterTaskDefinition request, checked by the control plane as ECS checks it. */
    'ecs.taskDefinitions.register': call({
      input: z.object({ definition: looseObject }).strict(),
      output: ecsTaskDefinitionSchema,
    }),
    /** The text `aws ecs register-task-definition --cli-input-json` takes. */
    'ecs.taskDefinitions.registerJson': call({
      input: z.object({ json: z.string().max(1_000_000) }).strict(),
      output: ecsTaskDefinitionSchema,
    }),
    'ecs.taskDefinitions.deregister': call({
      input: z.object({ taskDefinition: ecsReferenceSchema }).strict(),
      output: ecsTaskDefinitionSchema,
    }),
    /** Only INACTIVE revisions can be deleted; the others come back as failures. */
    'ecs.taskDefinitions.delete': call({
      input: z.object({ taskDefinitions: z.array(ecsReferenceSchema).min(1).max(10) }).strict(),
      output: z.object({
        taskDefinitions: z.array(ecsTaskDefinitionSchema),
        failures: z.array(z.object({ arn: z.string().optional(), reason: z.string().optional() })),
      }),
    }),
    /** The revision as `--cli-input-json` text, pretty-printed. */
    'ecs.taskDefinitions.export': call({
      input: z.object({ taskDefinition: ecsReferenceSchema }).strict(),
      output: z.object({ json: z.string() }),
    }),

    /**
     * The cluster's tasks meant to run, or those stopped (kept for an hour), described; with
     * `serviceName`, only that service's (ListTasks' filter). `stoppedLimit` keeps a long
     * history out of the answer: at most that many stopped tasks, the latest first, and every
     * task still on its way to STOPPED before them.
     */
    'ecs.tasks.list': call({
      input: z
        .object({
          cluster,
          desiredStatus: z.enum(['RUNNING', 'STOPPED']),
          serviceName: z.string().min(1).max(255).optional(),
          stoppedLimit: z.number().int().min(1).max(1_000).optional(),
        })
        .strict()
        .refine((input) => input.stoppedLimit === undefined || input.desiredStatus === 'STOPPED', {
          message: 'stoppedLimit applies only to desiredStatus STOPPED.',
          path: ['stoppedLimit'],
        }),
      output: z.array(ecsTaskSchema),
    }),
    'ecs.tasks.describe': call({
      input: z.object({ cluster, task: ecsReferenceSchema }).strict(),
      output: ecsTaskSchema,
    }),
    /** RunTask: the tasks placed, and a failure for each that could not be. */
    'ecs.tasks.run': call({
      input: z
        .object({
          cluster,
          taskDefinition: ecsReferenceSchema,
          launchType: z.enum(['EC2', 'FARGATE']),
          count: z.number().int().min(1).max(10),
          placementStrategy: z.array(placementStrategySchema).max(5).optional(),
          placementConstraints: z.array(placementConstraintSchema).max(10).optional(),
          /** Fargate and awsvpc tasks: the subnets their zones come from. */
          subnets: z.array(z.string().min(1).max(255)).max(16).optional(),
        })
        .strict(),
      output: ecsRunResultSchema,
    }),
    /** StartTask: one task on each container instance chosen, no placement decided by ECS. */
    'ecs.tasks.start': call({
      input: z
        .object({ cluster, taskDefinition: ecsReferenceSchema, containerInstances: instanceRefs })
        .strict(),
      output: ecsRunResultSchema,
    }),
    'ecs.tasks.stop': call({
      input: z
        .object({ cluster, task: ecsReferenceSchema, reason: z.string().max(255).optional() })
        .strict(),
      output: ecsTaskSchema,
    }),

    ...ecsEndpointCalls,
    ...ecsServiceCalls,
    ...ecsFaultCalls,
    ...ecsExportCalls,
    ...ecsLoadBalancingCalls,
    ...ecsAutoScalingCalls,
    ...ecsAgentCalls,
  },
  events: {
    /** Which kinds of resource a committed change touched; the ECS queries refetch. */
    'ecs.changed': event(ecsChangedSchema),
    ...ecsAgentEvents,
  },
});
