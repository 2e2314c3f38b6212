import { request } from 'node:http';
import { resourceLabelOf, StowageError, type TourTask } from '../../../shared';
import type { StepContext } from '../step';
import { waitUntil } from '../ecs-step';
import { throwIfCancelled } from '../tour-engine';

/** The load balancer in front of the service: what the step made, and where it listens. */
export interface TourLoadBalancer {
  name: string;
  arn: string;
  dnsName: string;
  targetGroupArn: string;
  listenerArn: string;
  /** `app/<name>/<id>/targetgroup/<name>/<id>`: how a request-count policy names the pair. */
  resourceLabel: string;
}

export const listenerPort = 8080;

/** An application load balancer, a target group of the tasks' port 8080, and a listener. */
export async function createLoadBalancer(
  ctx: StepContext,
  signal: AbortSignal,
  name: string,
): Promise<TourLoadBalancer> {
  const loadBalancer = await ctx.call(
    'ecs.loadBalancers.create',
    { request: { Name: name } },
    signal,
  );
  const arn = loadBalancer.LoadBalancerArn ?? '';
  await ctx.created({ kind: 'load-balancer', id: arn, name });
  const group = await ctx.call(
    'ecs.targetGroups.create',
    {
      request: {
        Name: name,
        Protocol: 'HTTP',
        Port: listenerPort,
        TargetType: 'instance',
        HealthCheckPath: '/',
        // Quick checks, so that a new task takes traffic within seconds.
        HealthCheckIntervalSeconds: 5,
        HealthCheckTimeoutSeconds: 2,
        HealthyThresholdCount: 2,
      },
    },
    signal,
  );
  const targetGroupArn = group.TargetGroupArn ?? '';
  await ctx.created({ kind: 'target-group', id: targetGroupArn, name });
  const listener = await ctx.call(
    'ecs.listeners.create',
    {
      request: {
        LoadBalancerArn: arn,
        Protocol: 'HTTP',
        Port: listenerPort,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
      },
    },
    signal,
  );
  await ctx.progress(
    `Created load balancer ${name} with a listener on port ${listenerPort} forwarding to target group ${name}.`,
  );
  return {
    name,
    arn,
    dnsName: loadBalancer.DNSName ?? '',
    targetGroupArn,
    listenerArn: listener.ListenerArn ?? '',
    resourceLabel: resourceLabelOf(arn, targetGroupArn) ?? '',
  };
}

/** The target group's targets that are healthy. */
export async function healthyTargets(
  ctx: StepContext,
  signal: AbortSignal,
  targetGroupArn: string,
): Promise<number> {
  const { targetGroups } = await ctx.call('ecs.loadBalancers.list', {}, signal);
  const group = targetGroups.find((view) => view.targetGroup.TargetGroupArn === targetGroupArn);
  return (group?.targets ?? []).filter((target) => target.health.TargetHealth?.State === 'healthy')
    .length;
}

interface Address {
  url: string;
  /** Sent as `Host` when the listener is reached through the app's endpoint. */
  host?: string;
}

/** Where the listener answers: its own port on loopback, or the endpoint asked for its name. */
async function listenerAddress(
  ctx: StepContext,
  signal: AbortSignal,
  balancer: TourLoadBalancer,
): Promise<Address> {
  return waitUntil(
    ctx,
    signal,
    async () => {
      const { loadBalancers } = await ctx.call('ecs.loadBalancers.list', {}, signal);
      const view = loadBalancers.find((lb) => lb.loadBalancer.LoadBalancerArn === balancer.arn);
      const listener = view?.listeners.find(
        (candidate) => candidate.listener.ListenerArn === balancer.listenerArn,
      );
      if (listener?.directUrl) return { url: listener.directUrl };
      if (listener?.directProblem && view?.endpointUrl) {
        return { url: view.endpointUrl, host: balancer.dnsName };
      }
      return undefined;
    },
    { what: 'the listener to be served', timeoutMs: 20_000 },
  );
}

/** One GET on a fresh connection, as `curl` makes it. */
function get(address: Address, signal: AbortSignal): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      address.url,
      {
        method: 'GET',
        agent: false,
        signal,
        timeout: 5_000,
        headers: address.host ? { host: address.host } : {},
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () =>
          resolve({
            status: answer.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8').trim().slice(0, 300),
          }),
        );
        answer.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('No answer within 5 s.')));
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const requestCount = 6;

/**
 * Real HTTP requests through the listener, each answered by one task's httpd with its
 * container's hostname (the first 12 characters of its id), matched back to the task.
 */
export async function curlThrough(
  ctx: StepContext,
  signal: AbortSignal,
  balancer: TourLoadBalancer,
  tasks: readonly TourTask[],
): Promise<{ url: string; answers: { status: number; body: string; taskId: string }[] }> {
  const address = await listenerAddress(ctx, signal, balancer);
  const shown = address.host
    ? `curl -H 'Host: ${address.host}' ${address.url}`
    : `curl ${address.url}`;
  const answers: { status: number; body: string; taskId: string }[] = [];
  for (let sent = 0; sent < requestCount; sent += 1) {
    throwIfCancelled(signal, 'The step');
    const answer = await get(address, signal).catch((error: unknown) => {
      throw new StowageError(
        'OPERATION_FAILED',
        `${shown} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    const task = tasks.find(
      (candidate) => answer.body.length >= 12 && candidate.containerId.startsWith(answer.body),
    );
    answers.push({ ...answer, taskId: task?.taskId ?? '' });
    await ctx.progress(`${shown} → ${answer.status} ${answer.body}`);
  }
  return { url: address.host ? `${address.url} (Host: ${address.host})` : address.url, answers };
}
