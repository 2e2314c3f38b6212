import type Docker from 'dockerode';
import type { EcsWhoAmI } from '../../../shared/contract/ecs-agent';
import { ecsLabels, isNamespaceOwner, ownLabelFilter } from '../runtime/docker-map';
import { execInContainer } from './container-exec';
import type { CallerIdentity } from './credentials';

/**
 * What the SDK's container provider does, in the container's own shell: fetch the credentials
 * its environment points at. Prints nothing when the task has no task role.
 */
const fetchCredentials = [
  'sh',
  '-c',
  'u="${AWS_CONTAINER_CREDENTIALS_FULL_URI:-}"; ' +
    'if [ -z "$u" ] && [ -n "${AWS_CONTAINER_CREDENTIALS_RELATIVE_URI:-}" ]; then ' +
    'u="http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"; fi; ' +
    'if [ -z "$u" ]; then echo "no task role credentials in this container" >&2; exit 3; fi; ' +
    'wget -q -T 5 -O - "$u"',
];

/** The access key id and session token of the credentials JSON the agent answered. */
export function credentialsOf(text: string): { accessKeyId: string; token: string } | undefined {
  try {
    const value = JSON.parse(text) as { AccessKeyId?: unknown; Token?: unknown };
    if (typeof value.AccessKeyId === 'string' && typeof value.Token === 'string') {
      return { accessKeyId: value.AccessKeyId, token: value.Token };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * Runs the who-am-I check in the task's first running container: the credentials are fetched
 * there, and STS's answer for them comes from `identify` (the credentials never leave main).
 */
export async function whoAmIInTask(
  docker: Docker,
  taskArn: string,
  identify: (accessKeyId: string, token: string) => CallerIdentity | undefined,
  signal: AbortSignal,
): Promise<EcsWhoAmI> {
  const listed = await docker.listContainers({
    filters: { label: [ownLabelFilter, `${ecsLabels.taskArn}=${taskArn}`], status: ['running'] },
  });
  const container = listed.find((c) => !isNamespaceOwner(c));
  if (!container) {
    return { source: 'none', detail: 'The task has no running container to run the check in.' };
  }
  const result = await execInContainer(docker, container.Id, fetchCredentials, signal).catch(
    (error: unknown) => ({ exitCode: -1, stdout: '', stderr: String(error) }),
  );
  const found = credentialsOf(result.stdout);
  if (!found) {
    return { source: 'none', detail: (result.stderr.trim() || 'No credentials.').slice(0, 300) };
  }
  const identity = identify(found.accessKeyId, found.token);
  if (!identity) return { source: 'none', detail: 'STS did not recognise the credentials.' };
  return { source: 'task-role', arn: identity.arn, account: identity.account };
}
