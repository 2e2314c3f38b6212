import type { RegisterTaskDefinitionRequest, Tag, TaskDefinition } from '@aws-sdk/client-ecs';

/** The members of a task definition that RegisterTaskDefinition takes, in the CLI's order. */
export const taskDefinitionInputMembers = [
  'family',
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'containerDefinitions',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
  'enableFaultInjection',
] as const satisfies readonly (keyof TaskDefinition & keyof RegisterTaskDefinitionRequest)[];

/**
 * The JSON that `aws ecs register-task-definition --cli-input-json` takes for `definition`:
 * only the input members (no ARN, revision, status, compatibilities, registration data),
 * with `tags` when given.
 */
export function exportTaskDefinitionInput(
  definition: TaskDefinition,
  tags?: readonly Tag[],
): RegisterTaskDefinitionRequest {
  const out: Record<string, unknown> = {};
  for (const member of taskDefinitionInputMembers) {
    const value = definition[member];
    if (value !== undefined && value !== null) out[member] = structuredClone(value);
  }
  if (tags && tags.length > 0) out.tags = tags.map((tag) => ({ key: tag.key, value: tag.value }));
  return out as unknown as RegisterTaskDefinitionRequest;
}
