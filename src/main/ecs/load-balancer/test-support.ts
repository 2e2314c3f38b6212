import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  LoadBalancerPlan,
  PlannedHealthCheck,
  PlannedTarget,
  PlannedTargetGroup,
} from '../control-plane/core/load-balancer-port';

const prefix = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:';
export const lbArn = `${prefix}loadbalancer/app/web/0123456789abcdef`;
export const listenerArn = `${prefix}listener/app/web/0123456789abcdef/fedcba9876543210`;
export const tgArn = (name: string) => `${prefix}targetgroup/${name}/00112233445566${name.length}0`;
export const dnsName = 'web-1234567890.us-east-1.elb.localhost';

export const healthCheck = (extra: Partial<PlannedHealthCheck> = {}): PlannedHealthCheck => ({
  enabled: true,
  protocol: 'HTTP',
  port: 'traffic-port',
  path: '/',
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThresholdCount: 2,
  unhealthyThresholdCount: 2,
  matcher: '200',
  ...extra,
});

/** A target at `127.0.0.1:port`, healthy unless told otherwise. */
export const addressTarget = (port: number, extra: Partial<PlannedTarget> = {}): PlannedTarget => ({
  id: `127.0.0.1`,
  port,
  state: 'healthy',
  endpoint: { kind: 'address', host: '127.0.0.1', port },
  ...extra,
});

export const targetGroup = (
  name: string,
  targets: PlannedTarget[],
  extra: Partial<PlannedTargetGroup> = {},
): PlannedTargetGroup => ({
  targetGroupArn: tgArn(name),
  name,
  protocol: 'HTTP',
  port: 80,
  targetType: 'ip',
  healthCheck: healthCheck(),
  deregistrationDelaySeconds: 30,
  targets,
  ...extra,
});

/** One load balancer with one listener on `port`, forwarding over `groups` with `weights`. */
export function plan(
  port: number,
  groups: PlannedTargetGroup[],
  weights: number[] = groups.map(() => 1),
): LoadBalancerPlan {
  return {
    loadBalancers: [
      {
        loadBalancerArn: lbArn,
        name: 'web',
        dnsName,
        state: 'active',
        listeners: [
          {
            listenerArn,
            loadBalancerArn: lbArn,
            protocol: 'HTTP',
            port,
            forward: groups.map((group, index) => ({
              targetGroupArn: group.targetGroupArn,
              weight: weights[index] ?? 1,
            })),
          },
        ],
      },
    ],
    targetGroups: groups,
  };
}

export interface TestTarget {
  name: string;
  port: number;
  server: Server;
  /** The headers of every request it got. */
  seen: IncomingHttpHeaders[];
  close(): Promise<void>;
}

/**
 * A target that answers its name, echoes a POST body back, and answers `/status/N` with N and
 * `/hang` never.
 */
export async function startTarget(name: string, port = 0): Promise<TestTarget> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    if (req.url === '/hang') return;
    const status = /^\/status\/(\d{3})$/.exec(req.url ?? '')?.[1];
    if (req.method === 'POST') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      req.pipe(res);
      return;
    }
    res.writeHead(status ? Number(status) : 200, {
      'Content-Type': 'text/plain',
      'Keep-Alive': 'timeout=5',
      'X-Hop': 'gone',
      Connection: 'keep-alive, x-hop',
    });
    res.end(name);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    name,
    port: (server.address() as AddressInfo).port,
    server,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request over a real socket; `error` when the connection failed. */
export function get(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () =>
          resolve({
            status: answer.statusCode ?? 0,
            headers: answer.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        answer.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}
