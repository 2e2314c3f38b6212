import { z } from 'zod';

/** The steps of the Learn tour, in the order a newcomer takes them. */
export const tourStepIds = [
  'kernel',
  'layers',
  'read-write',
  'task-definitions',
  'clusters',
  'tasks',
  'services',
  'deployments',
  'agent',
  'roles',
  'scheduling',
] as const;
export const tourStepIdSchema = z.enum(tourStepIds);
export type TourStepId = z.infer<typeof tourStepIdSchema>;

export const tourStepStateSchema = z.enum(['not-started', 'running', 'done', 'failed']);
export type TourStepState = z.infer<typeof tourStepStateSchema>;

/** Something the tour made on the engine, labelled so that a reset removes it and nothing else. */
export const tourResourceSchema = z
  .object({
    /** Engine things are found again by their labels; ECS things by the ids recorded here. */
    kind: z.enum([
      'container',
      'image',
      'ecs-cluster',
      'task-definition',
      'load-balancer',
      'target-group',
    ]),
    id: z.string().max(200),
    name: z.string().max(300),
  })
  .strict();
export type TourResource = z.infer<typeof tourResourceSchema>;

const kernelResultSchema = z
  .object({
    step: z.literal('kernel'),
    hostKernel: z.string().max(200),
    containers: z.array(
      z.object({ name: z.string().max(200), kernel: z.string().max(200) }).strict(),
    ),
    /** How long each container took from start to its first output, in milliseconds. */
    startMs: z.array(z.number().nonnegative()),
    containerMemoryBytes: z.number().nonnegative(),
    hostMemoryBytes: z.number().nonnegative(),
    /** How many such containers the host's memory holds, by what one uses now. */
    fitEstimate: z.number().int().nonnegative(),
  })
  .strict();

const layerRowSchema = z
  .object({
    instruction: z.string().max(1000),
    /** The image's layers once this instruction is built. */
    layerCount: z.number().int().nonnegative(),
    /** Bytes the instruction added (0 for one that changes only the configuration). */
    addedBytes: z.number().nonnegative(),
  })
  .strict();

const layersResultSchema = z
  .object({
    step: z.literal('layers'),
    image: z.string().max(300),
    imageId: z.string().max(200),
    instructions: z.array(layerRowSchema),
  })
  .strict();

const readWriteResultSchema = z
  .object({
    step: z.literal('read-write'),
    image: z.string().max(300),
    writer: z.object({ id: z.string().max(200), name: z.string().max(200) }).strict(),
    reader: z.object({ id: z.string().max(200), name: z.string().max(200) }).strict(),
    path: z.string().max(500),
    /** `docker diff` of each container: what its read-write layer holds. */
    writerChanges: z.array(z.string().max(1000)),
    readerChanges: z.array(z.string().max(1000)),
    sharedLayers: z.number().int().nonnegative(),
  })
  .strict();

const idText = z.string().max(300);

/** A task as the tour shows it: its id, where it runs, and the real container it became. */
const tourTaskSchema = z
  .object({
    taskId: idText,
    availabilityZone: idText,
    /** The Docker container the task became: its id and name on the engine. */
    containerId: idText,
    containerName: idText,
  })
  .strict();
export type TourTask = z.infer<typeof tourTaskSchema>;

const tasksResultSchema = z
  .object({
    step: z.literal('tasks'),
    cluster: idText,
    taskDefinition: idText,
    task: tourTaskSchema,
    /** From RunTask to RUNNING, in milliseconds. */
    runningAfterMs: z.number().nonnegative(),
    /** What killed the container: the engine, as `docker kill` does, outside the app. */
    killedWith: z.string().max(300),
    /** The stopped task as ECS describes it. */
    lastStatus: idText,
    stopCode: idText,
    stoppedReason: z.string().max(1000),
    containerExitCode: z.number().int().optional(),
    /** The container's state on the engine once the task stopped (`exited`). */
    containerState: idText,
  })
  .strict();

const servicesResultSchema = z
  .object({
    step: z.literal('services'),
    cluster: idText,
    service: idText,
    desiredCount: z.number().int().nonnegative(),
    zones: z.array(idText),
    /** The service's tasks once it is steady, spread over the zones. */
    tasks: z.array(tourTaskSchema),
    replacement: z
      .object({
        killed: tourTaskSchema,
        stoppedReason: z.string().max(1000),
        replacedBy: tourTaskSchema,
        afterMs: z.number().nonnegative(),
      })
      .strict(),
    zoneLoss: z
      .object({
        zone: idText,
        lost: z.array(tourTaskSchema),
        stoppedReason: z.string().max(1000),
        /** The tasks once the service is whole again, all in the zones left. */
        tasksAfter: z.array(tourTaskSchema),
        afterMs: z.number().nonnegative(),
      })
      .strict(),
    loadBalancer: z
      .object({
        name: idText,
        dnsName: idText,
        /** What the requests were sent to (the listener's own port, or the endpoint with Host). */
        url: z.string().max(500),
        answers: z.array(
          z
            .object({ status: z.number().int(), body: z.string().max(300), taskId: idText })
            .strict(),
        ),
      })
      .strict(),
    autoScaling: z
      .object({
        policyName: idText,
        metric: idText,
        targetValue: z.number(),
        minCapacity: z.number().int().nonnegative(),
        maxCapacity: z.number().int().nonnegative(),
        requestsPerSecond: z.number().nonnegative(),
        /** The metric's datapoints while the traffic ran, oldest first. */
        datapoints: z.array(z.number()),
        desiredBefore: z.number().int().nonnegative(),
        desiredAfter: z.number().int().nonnegative(),
        runningAfter: z.number().int().nonnegative(),
        /** The scaling activity's cause, in Application Auto Scaling's words. */
        cause: z.string().max(1000),
        afterMs: z.number().nonnegative(),
      })
      .strict(),
  })
  .strict();

const taskDefinitionsResultSchema = z
  .object({
    step: z.literal('task-definitions'),
    taskDefinitionArn: z.string().max(2048),
    family: z.string().max(255),
    revision: z.number().int().nonnegative(),
    image: z.string().max(300),
    ports: z.array(z.number().int().nonnegative()),
    cpu: z.string().max(50),
    memory: z.string().max(50),
    networkMode: z.string().max(50),
    compatibilities: z.array(z.string().max(50)),
    taskRoleArn: z.string().max(2048),
    /** The revision as `aws ecs register-task-definition --cli-input-json` takes it. */
    json: z.string().max(100_000),
  })
  .strict();

const clustersResultSchema = z
  .object({
    step: z.literal('clusters'),
    cluster: z.string().max(255),
    zones: z.array(z.string().max(64)),
    instances: z.array(
      z
        .object({
          id: z.string().max(64),
          arn: z.string().max(2048),
          zone: z.string().max(64),
          instanceType: z.string().max(64),
        })
        .strict(),
    ),
    /** Fargate has no instances: its tasks go to the subnets, one in each zone. */
    fargate: z.array(z.object({ subnet: z.string().max(255), zone: z.string().max(64) }).strict()),
    tasks: z.array(
      z
        .object({
          taskArn: z.string().max(2048),
          launchType: z.enum(['EC2', 'FARGATE']),
          zone: z.string().max(64),
          /** The EC2 instance, or the subnet for a Fargate task. */
          placedOn: z.string().max(255),
        })
        .strict(),
    ),
  })
  .strict();

const arn = z.string().max(2048);

/** An EC2 container instance of a tour cluster, and its zone. */
const instanceSchema = z
  .object({ ec2InstanceId: z.string().max(100), availabilityZone: z.string().max(100) })
  .strict();

/** Where one task ran: its id, the EC2 instance and the zone. */
const placedTaskSchema = z
  .object({
    taskArn: arn,
    ec2InstanceId: z.string().max(100),
    availabilityZone: z.string().max(100),
  })
  .strict();
export type PlacedTask = z.infer<typeof placedTaskSchema>;

const deploymentRowSchema = z
  .object({
    /** `family:revision` the deployment rolled out. */
    taskDefinition: z.string().max(300),
    /** ServiceDeployment status: SUCCESSFUL, ROLLBACK_SUCCESSFUL, … */
    status: z.string().max(100),
    /** What the revision changed, in words. */
    change: z.string().max(500),
    failedTasks: z.number().int().nonnegative(),
    statusReason: z.string().max(2000).optional(),
  })
  .strict();

const deploymentsResultSchema = z
  .object({
    step: z.literal('deployments'),
    cluster: z.string().max(300),
    service: z.string().max(300),
    /** Oldest first. */
    deployments: z.array(deploymentRowSchema).max(10),
    /** The revision the service runs once the broken one was rolled back. */
    runningTaskDefinition: z.string().max(300),
    runningTasks: z.number().int().nonnegative(),
    /** The service's events about the rollout, oldest first. */
    events: z.array(z.string().max(2000)).max(20),
  })
  .strict();

const agentResultSchema = z
  .object({
    step: z.literal('agent'),
    cluster: z.string().max(300),
    service: z.string().max(300),
    /** The instance whose agent was disconnected. */
    disconnected: instanceSchema,
    instances: z.array(instanceSchema).max(10),
    before: z.array(placedTaskSchema).max(10),
    after: z.array(placedTaskSchema).max(10),
    /** Why ECS stopped the tasks the agent held. */
    stoppedReasons: z.array(z.string().max(2000)).max(10),
  })
  .strict();

const whoAmIRowSchema = z
  .object({
    taskArn: arn,
    /** The role the task definition names, or the instance's role for a task with none. */
    roleArn: arn,
    source: z.enum(['task-role', 'instance-role', 'none']),
    /** STS GetCallerIdentity's ARN for the credentials found inside the container. */
    callerArn: arn,
  })
  .strict();

const rolesResultSchema = z
  .object({
    step: z.literal('roles'),
    cluster: z.string().max(300),
    withTaskRole: whoAmIRowSchema,
    withoutTaskRole: whoAmIRowSchema,
  })
  .strict();

const schedulingResultSchema = z
  .object({
    step: z.literal('scheduling'),
    cluster: z.string().max(300),
    instances: z.array(instanceSchema).max(10),
    /** The service scheduler's own choice (spread over zones, then instances). */
    service: z.array(placedTaskSchema).max(10),
    /** RunTask with binpack on memory: as few instances as possible. */
    binpack: z.array(placedTaskSchema).max(10),
    /** RunTask with spread over availability zones. */
    spread: z.array(placedTaskSchema).max(10),
    /** StartTask on an instance chosen by hand. */
    chosenInstance: z.string().max(100),
    started: z.array(placedTaskSchema).max(10),
  })
  .strict();

export const tourStepResultSchema = z.discriminatedUnion('step', [
  kernelResultSchema,
  layersResultSchema,
  readWriteResultSchema,
  taskDefinitionsResultSchema,
  clustersResultSchema,
  tasksResultSchema,
  servicesResultSchema,
  deploymentsResultSchema,
  agentResultSchema,
  rolesResultSchema,
  schedulingResultSchema,
]);
export type TourStepResult = z.infer<typeof tourStepResultSchema>;
export type TourStepResultOf<K extends TourStepId> = Extract<TourStepResult, { step: K }>;

export const tourStepStatusSchema = z
  .object({
    id: tourStepIdSchema,
    title: z.string().max(200),
    /** What the step needs before it can run, in words. */
    needs: z.array(z.string().max(300)),
    state: tourStepStateSchema,
    created: z.array(tourResourceSchema),
    /** The last run's outcome in one sentence (or why it failed). */
    message: z.string().max(2000).optional(),
    result: tourStepResultSchema.optional(),
    finishedAt: z.number().optional(),
  })
  .strict();
export type TourStepStatus = z.infer<typeof tourStepStatusSchema>;

export const tourStatusSchema = z
  .object({
    steps: z.array(tourStepStatusSchema),
    /** Set when the saved progress could not be read and was moved aside. */
    notice: z.string().max(2000).optional(),
  })
  .strict();
export type TourStatus = z.infer<typeof tourStatusSchema>;

export const tourProgressSchema = z.object({ message: z.string().max(2000) }).strict();

export const tourCleanUpSchema = z
  .object({
    removed: z.array(tourResourceSchema),
    /** What could not be removed, and why (in use by something the tour did not make). */
    kept: z.array(z.object({ resource: tourResourceSchema, reason: z.string().max(2000) })),
  })
  .strict();
export type TourCleanUp = z.infer<typeof tourCleanUpSchema>;
