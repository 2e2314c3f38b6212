import type Docker from 'dockerode';
import type { EcsWhoAmI } from '../../../shared/contract/ecs-agent';
import { ecsLabels, isNamespaceOwner, ownLabelFilter } from '../runtime/docker-map';
import { execInContainer } from './container-exec';
import type { CallerIdentity } from './credentials';

/**
 * Sets `t` to an IMDSv2 token, in a busybox shell. busybox wget cannot PUT, so the request goes
 * over nc; and busybox nc quits when its input ends, before a slower answer arrives, so the
 * request is written by the program nc runs (`-e`), which then reads the answer to fd 3.
 */
export const imdsTokenScript = [
  'export P="PUT /latest/api/token HTTP/1.0\\r\\nHost: 169.254.169.254\\r\\nX-aws-ec2-metadata-token-ttl-seconds: 60\\r\\n\\r\\n"',
  't=""',
  'r=$(nc 169.254.169.254 80 -e sh -c \'printf "$P"; cat >&3\' 3>&1 >/dev/null 2>&1)',
  'case "$r" in "HTTP/1.1 200 "*) t=$(echo "$r" | tail -n 1);; esac',
].join('; ');

/**
 * What the SDK's default chain does, in the container's own shell: the container provider's
 * credentials when its environment points at them, else the instance role from instance
 * metadata (IMDSv2). The first line names the source, the rest is the credentials JSON. No
 * `wget -T`: busybox built without its timeout feature (Debian's busybox-static) dies of SIGSEGV
 * on it, so the caller bounds the run instead.
 */
const fetchCredentials = [
  'sh',
  '-c',
  [
    'u="${AWS_CONTAINER_CREDENTIALS_FULL_URI:-}"',
    'if [ -z "$u" ] && [ -n "${AWS_CONTAINER_CREDENTIALS_RELATIVE_URI:-}" ]; then u="http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"; fi',
    'if [ -n "$u" ]; then echo task-role; exec wget -q -O - "$u"; fi',
    'm=http://169.254.169.254/latest',
    imdsTokenScript,
    'r=$(wget -q -O - --header "X-aws-ec2-metadata-token: $t" "$m/meta-data/iam/security-credentials/" 2>/dev/null | head -n 1)',
    'if [ -z "$r" ]; then echo "no task role in the environment and no instance role from instance metadata" >&2; exit 3; fi',
    'echo instance-role',
    'exec wget -q -O - --header "X-aws-ec2-metadata-token: $t" "$m/meta-data/iam/security-credentials/$r"',
  ].join('; '),
];

/** How long the check may take in the container before it is given up. */
const checkTimeoutMs = 20_000;

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
  const bounded = AbortSignal.any([signal, AbortSignal.timeout(checkTimeoutMs)]);
  const result = await execInContainer(docker, container.Id, fetchCredentials, bounded).catch(
    (error: unknown) => ({ exitCode: -1, stdout: '', stderr: String(error) }),
  );
  const newline = result.stdout.indexOf('\n');
  const source = result.stdout.slice(0, Math.max(0, newline));
  const found = credentialsOf(result.stdout.slice(newline + 1));
  if (!found) {
    return { source: 'none', detail: (result.stderr.trim() || 'No credentials.').slice(0, 300) };
  }
  const identity = identify(found.accessKeyId, found.token);
  if (!identity) return { source: 'none', detail: 'STS did not recognise the credentials.' };
  return {
    source: source === 'instance-role' ? 'instance-role' : 'task-role',
    arn: identity.arn,
    account: identity.account,
  };
}
