import { z } from 'zod';
import { call, event } from './define';

const taskArn = z.string().min(1).max(2048);

/** The container instance attribute holding a simulated instance's IAM role. */
export const instanceRoleAttribute = 'stowage.instance-role';

/**
 * The container instance attribute holding the agent's `ECS_AWSVPC_BLOCK_IMDS` (`true`): its
 * awsvpc tasks cannot reach instance metadata. On AWS it is each instance's agent configuration.
 */
export const awsvpcBlockImdsAttribute = 'stowage.agent.awsvpc-block-imds';

export const ecsAgentRoleSchema = z.object({
  /** task: the task role; execution: the runtime's role for the task (never served to it). */
  kind: z.enum(['task', 'execution', 'instance']),
  roleArn: z.string(),
  /** Only the access key id of the current credentials is ever shown, never the secret. */
  accessKeyId: z.string().optional(),
  /** Epoch milliseconds; absent until the credentials are first fetched. */
  expiration: z.number().optional(),
});
export type EcsAgentRole = z.infer<typeof ecsAgentRoleSchema>;

export const ecsAgentRequestSchema = z.object({
  at: z.number(),
  method: z.string(),
  /** Ids in the path are cut short: they are bearer secrets. */
  path: z.string(),
  status: z.number().int(),
});
export type EcsAgentRequest = z.infer<typeof ecsAgentRequestSchema>;

export const ecsTaskAgentSchema = z.object({
  /** Whether the container agent serves the task now (a Docker task that is running). */
  served: z.boolean(),
  /** Where the task's containers reach the agent, and how they are told. */
  endpoint: z
    .object({ baseUrl: z.string(), relativeUri: z.boolean(), problem: z.string().optional() })
    .optional(),
  roles: z.array(ecsAgentRoleSchema),
  /** The newest last. */
  requests: z.array(ecsAgentRequestSchema),
});
export type EcsTaskAgent = z.infer<typeof ecsTaskAgentSchema>;

export const ecsWhoAmISchema = z.object({
  /** Which credentials the task's container found: the task role's, the instance role's, none. */
  source: z.enum(['task-role', 'instance-role', 'none']),
  /** STS GetCallerIdentity's answer for them. */
  arn: z.string().optional(),
  account: z.string().optional(),
  /** What the container's shell printed when it found none, or why the check could not run. */
  detail: z.string().optional(),
});
export type EcsWhoAmI = z.infer<typeof ecsWhoAmISchema>;

/** The container agent inside tasks: task metadata, task-role credentials. */
export const ecsAgentCalls = {
  /** The task's roles, its credentials' access key id and expiry, and its requests to the agent. */
  'ecs.tasks.agent': call({
    input: z.object({ taskArn }).strict(),
    output: ecsTaskAgentSchema,
  }),
  /**
   * Runs the who-am-I check in the task's first running container: it fetches the credentials
   * the SDK would find there, and STS says whose they are.
   */
  'ecs.tasks.whoami': call({
    input: z.object({ taskArn }).strict(),
    output: ecsWhoAmISchema,
  }),
} as const;

export const ecsAgentEvents = {
  /** A task's agent view moved (a request, credentials fetched, the task released): refetch. */
  'ecs.agent.changed': event(z.object({ taskArn }).strict()),
};
