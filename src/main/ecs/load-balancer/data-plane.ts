import { Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Clock } from '../../lib/clock';
import {
  loopbackServerOptions,
  startLoopbackListener,
  type HttpServerLimits,
  type LoopbackListener,
} from '../../lib/loopback-listener';
import type {
  ListenerBinding,
  LoadBalancerDataPlane,
  LoadBalancerPlan,
  PlannedListener,
  TargetDrainedEvent,
  TargetHealthEvent,
  TargetTraffic,
  UnroutableCount,
} from '../control-plane/core/load-balancer-port';
import { rawElbError, sendElbError } from './elb-answers';
import { forward, targetHeader, type ForwardedExchange, type ForwardOutcome } from './forward';
import { HealthChecker, httpHealthProbe, type HealthProbe } from './health-checker';
import { answersHost, hostName, wrongHostBody } from './host-check';
import { RoundRobin, routableTargets, sameForward, WeightedPicker } from './routing';
import { forwardUpgrade } from './upgrade';
import { effectiveState, TargetTable, type TargetEntry } from './target-table';

export interface LoadBalancerLimits extends HttpServerLimits {
  maxHeadersCount: number;
  maxBodyBytes: number;
  /** Until the target's response headers arrive: then 504. */
  targetTimeoutMs: number;
  /** A connection (client's or target's) with no traffic for this long is closed. */
  idleTimeoutMs: number;
  /** Connections kept open to one target. */
  maxSocketsPerTarget: number;
}

// ALB's own limits where it has them (64 KiB of headers, a 60 s idle timeout); a body cap
// it has not, because this one runs on a laptop.
export const defaultLoadBalancerLimits: LoadBalancerLimits = {
  maxHeaderBytes: 64 * 1024,
  maxHeadersCount: 100,
  maxBodyBytes: 16 * 1024 * 1024,
  maxConnections: 512,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 120_000,
  targetTimeoutMs: 60_000,
  idleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 60_000,
  maxSocketsPerTarget: 64,
};

export interface LoadBalancerProxyOptions {
  clock: Clock;
  limits?: Partial<LoadBalancerLimits>;
  /** Checks a target once (tests give their own); a real HTTP check by default. */
  probe?: HealthProbe;
  /** Names the direct listeners answer to besides IP addresses, `*.localhost` and DNSNames. */
  hostNames?: readonly string[];
  onError?(error: unknown): void;
}

/** The data plane, with what the app's own parts need beyond the control plane's seam. */
export interface LoadBalancerProxy extends LoadBalancerDataPlane {
  /** Resolves once the listeners of every plan applied so far are open (or failed to open). */
  settled(): Promise<void>;
}

/** A listener as requests find it: its plan and the picker of its forward action. */
interface ListenerRoute {
  listener: PlannedListener;
  picker: WeightedPicker;
}

interface ServedListener {
  listenerArn: string;
  port: number;
  server: LoopbackListener | undefined;
  binding: ListenerBinding;
}

/**
 * The load balancers' data plane: for every listener an HTTP server on 127.0.0.1 at its
 * port when it can have it (else a free one, for the app's own traffic), forwarding round
 * robin over the routable targets of the groups its default action weights; health checks;
 * counts. Targets of the simulated runtime are answered here.
 */
export function createLoadBalancerDataPlane(options: LoadBalancerProxyOptions): LoadBalancerProxy {
  const limits = { ...defaultLoadBalancerLimits, ...options.limits };
  const { clock } = options;
  const onError = options.onError ?? (() => undefined);
  const healthListeners = new Set<(event: TargetHealthEvent) => void>();
  const drainListeners = new Set<(event: TargetDrainedEvent) => void>();
  const tell = <E>(listeners: ReadonlySet<(event: E) => void>, event: E) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        onError(error);
      }
    }
  };
  const table = new TargetTable(clock, (end) =>
    tell<TargetDrainedEvent>(drainListeners, {
      kind: 'target.drained',
      targetGroupArn: end.targetGroupArn,
      targetId: end.id,
      port: end.port,
      drainUntil: end.drainUntil,
      at: clock.now(),
    }),
  );
  const checker = new HealthChecker({
    clock,
    table,
    probe: options.probe ?? httpHealthProbe(clock),
    emit: (event) => {
      // A target crossed a threshold: which targets are routable is worked out again.
      routable.clear();
      tell<TargetHealthEvent>(healthListeners, event);
    },
  });
  const agents = new Map<string, Agent>();
  const listeners = new Map<string, ServedListener>();
  /** Worked out when the plan changes, not per request. */
  let routes = new Map<string, ListenerRoute>();
  /** By target group, the targets a request may go to; dropped when the plan or a health changes. */
  const routable = new Map<string, TargetEntry[]>();
  const robins = new Map<string, RoundRobin>();
  /** 503s for want of a routable target: by listener, then by the group picked ('' for none). */
  const unroutable = new Map<string, Map<string, number>>();
  let plan: LoadBalancerPlan = { loadBalancers: [], targetGroups: [] };
  let opening: Promise<void> = Promise.resolve();
  let closed = false;

  const agentFor = (host: string, port: number): Agent => {
    const key = `${host}:${port}`;
    let agent = agents.get(key);
    if (!agent) {
      agent = new Agent({
        keepAlive: true,
        maxSockets: limits.maxSocketsPerTarget,
        maxFreeSockets: Math.min(16, limits.maxSocketsPerTarget),
        timeout: limits.idleTimeoutMs,
      });
      agents.set(key, agent);
    }
    return agent;
  };

  /** Agents no target uses any more are closed with their sockets. */
  const pruneAgents = () => {
    const used = new Set(
      table
        .all()
        .flatMap((entry) =>
          entry.endpoint?.kind === 'address'
            ? [`${entry.endpoint.host}:${entry.endpoint.port}`]
            : [],
        ),
    );
    for (const [key, agent] of agents) {
      if (used.has(key)) continue;
      agent.destroy();
      agents.delete(key);
    }
  };

  const countUnroutable = (listenerArn: string, targetGroupArn: string | undefined) => {
    let byGroup = unroutable.get(listenerArn);
    if (!byGroup) {
      byGroup = new Map();
      unroutable.set(listenerArn, byGroup);
    }
    const group = targetGroupArn ?? '';
    byGroup.set(group, (byGroup.get(group) ?? 0) + 1);
  };

  const routableIn = (targetGroupArn: string): TargetEntry[] => {
    let targets = routable.get(targetGroupArn);
    if (!targets) {
      const candidates = table.targetsOf(targetGroupArn).map((entry) => ({
        entry,
        state: effectiveState(entry),
        reachable: entry.endpoint !== undefined,
      }));
      targets = routableTargets(candidates).map((candidate) => candidate.entry);
      routable.set(targetGroupArn, targets);
    }
    return targets;
  };

  /** The target for the next request, or the group that had none (undefined: no group picked). */
  const pickTarget = (
    route: ListenerRoute,
  ): { entry: TargetEntry } | { entry: undefined; targetGroupArn: string | undefined } => {
    const index = route.picker.next();
    const targetGroupArn =
      index === undefined ? undefined : route.listener.forward[index]?.targetGroupArn;
    if (targetGroupArn === undefined) return { entry: undefined, targetGroupArn };
    let robin = robins.get(targetGroupArn);
    if (!robin) {
      robin = new RoundRobin();
      robins.set(targetGroupArn, robin);
    }
    const entry = robin.next(routableIn(targetGroupArn));
    return entry ? { entry } : { entry: undefined, targetGroupArn };
  };

  /** In flight until it ends, then counted: ELB's own answers and the target's 5xx as errors. */
  const track = (entry: TargetEntry, exchange: ForwardedExchange) => {
    const finished = table.begin(entry, exchange.abort);
    void exchange.done.then((outcome: ForwardOutcome) => {
      finished();
      if (outcome.kind === 'elb-error') {
        entry.counts.errors++;
        entry.counts.elbErrors++;
      }
      if (outcome.kind === 'answered' && outcome.status >= 500) entry.counts.errors++;
    });
  };

  const serve = (
    route: ListenerRoute,
    request: IncomingMessage,
    response: ServerResponse,
  ): void => {
    const { listener } = route;
    request.on('error', () => response.destroy());
    response.on('error', () => undefined);
    const picked = pickTarget(route);
    if (!picked.entry) {
      countUnroutable(listener.listenerArn, picked.targetGroupArn);
      sendElbError(response, 503, !request.complete);
      return;
    }
    const { entry } = picked;
    const endpoint = entry.endpoint;
    if (endpoint?.kind === 'simulated') {
      entry.counts.requests++;
      answerSimulated(request, response, endpoint.taskArn, endpoint.containerName, entry);
      return;
    }
    if (!endpoint) return sendElbError(response, 503);
    const exchange = forward(
      request,
      response,
      {
        host: endpoint.host,
        port: endpoint.port,
        agent: agentFor(endpoint.host, endpoint.port),
        label: `${entry.id}:${entry.port}`,
      },
      listener.port,
      limits,
      clock,
    );
    track(entry, exchange);
  };

  const serveUpgrade = (
    route: ListenerRoute,
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
  ): void => {
    const { listener } = route;
    const picked = pickTarget(route);
    if (!picked.entry) {
      countUnroutable(listener.listenerArn, picked.targetGroupArn);
      socket.end(rawElbError(503));
      return;
    }
    const { entry } = picked;
    const endpoint = entry.endpoint;
    if (endpoint?.kind !== 'address') {
      // A simulated target has no socket to switch protocols on.
      entry.counts.requests++;
      entry.counts.errors++;
      entry.counts.elbErrors++;
      socket.end(rawElbError(502));
      return;
    }
    const exchange = forwardUpgrade(
      request,
      socket,
      head,
      { host: endpoint.host, port: endpoint.port, label: `${entry.id}:${entry.port}` },
      listener.port,
      limits,
      clock,
    );
    track(entry, exchange);
  };

  const upgradedBy =
    (listenerArn: string) => (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const route = routes.get(listenerArn);
      if (!route) {
        socket.end(rawElbError(503));
        return;
      }
      serveUpgrade(route, request, socket, head);
    };

  const servedBy =
    (listenerArn: string) => (request: IncomingMessage, response: ServerResponse) => {
      const route = routes.get(listenerArn);
      if (!route) {
        sendElbError(response, 503, true);
        return;
      }
      serve(route, request, response);
    };

  const extraHostNames = (options.hostNames ?? []).map((name) => name.toLowerCase());
  /** Whether a direct listener of the load balancer `loadBalancerArn` answers `host`. */
  const directAnswers = (loadBalancerArn: string, host: string | undefined) => {
    const own = plan.loadBalancers.find((lb) => lb.loadBalancerArn === loadBalancerArn);
    const names = new Set(extraHostNames);
    if (own) names.add(own.dnsName.toLowerCase());
    return answersHost(host, names);
  };

  const open = async (listener: PlannedListener): Promise<ServedListener> => {
    const problem =
      listener.port < 1024
        ? `Port ${listener.port} is below 1024, which only the system may open.`
        : undefined;
    const start = (port: number) =>
      startLoopbackListener({
        host: '127.0.0.1',
        port,
        ...loopbackServerOptions(limits),
        request: (request, response) => {
          const host = request.headers.host;
          if (directAnswers(listener.loadBalancerArn, host)) {
            servedBy(listener.listenerArn)(request, response);
            return;
          }
          request.resume();
          const body = wrongHostBody(host ?? '');
          response.writeHead(403, {
            'Content-Type': 'text/plain; charset=utf-8',
            'Content-Length': String(Buffer.byteLength(body)),
            Connection: 'close',
          });
          response.end(body);
        },
        upgrade: (request, socket, head) => {
          const host = request.headers.host;
          if (directAnswers(listener.loadBalancerArn, host)) {
            upgradedBy(listener.listenerArn)(request, socket, head);
            return;
          }
          const body = wrongHostBody(host ?? '');
          socket.end(
            `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\n` +
              `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
          );
        },
        refuseRequest: (response, status) => sendElbError(response, status, true),
        refuseUpgrade: (socket, status) => socket.end(rawElbError(status)),
      }).then((server) => {
        server.server.maxHeadersCount = limits.maxHeadersCount;
        // A client may send its request and shut its side (curl's --no-keepalive scripts,
        // `nc -N`); Node would then end the socket before the answer. Half-open, the answer
        // goes out and the socket closes after it.
        (server.server as typeof server.server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen =
          true;
        server.server.setTimeout(limits.idleTimeoutMs);
        server.server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
          const status =
            error.code === 'HPE_HEADER_OVERFLOW'
              ? 431
              : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
                ? 408
                : 400;
          if (error.code !== 'ECONNRESET' && socket.writable) socket.end(rawElbError(status));
          socket.destroy();
        });
        return server;
      });
    const served = (
      server: LoopbackListener | undefined,
      binding: Omit<ListenerBinding, 'listenerArn'>,
    ) => ({
      listenerArn: listener.listenerArn,
      port: listener.port,
      server,
      binding: { listenerArn: listener.listenerArn, ...binding },
    });
    let directProblem = problem;
    if (directProblem === undefined) {
      try {
        const server = await start(listener.port);
        return served(server, { directUrl: server.origin });
      } catch (error) {
        directProblem =
          (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
            ? `Port ${listener.port} is in use by another program.`
            : `Port ${listener.port} could not be opened: ${(error as Error).message}`;
      }
    }
    try {
      const server = await start(0);
      return served(server, { directProblem, fallbackUrl: server.origin });
    } catch (error) {
      onError(error);
      return served(undefined, { directProblem });
    }
  };

  const syncListeners = async (wanted: Map<string, PlannedListener>) => {
    for (const [arn, served] of [...listeners]) {
      if (wanted.get(arn)?.port === served.port) continue;
      listeners.delete(arn);
      await served.server?.close();
    }
    for (const [arn, listener] of wanted) {
      if (closed || listeners.has(arn)) continue;
      listeners.set(arn, await open(listener));
    }
  };

  return {
    apply(next) {
      if (closed) return;
      plan = next;
      const active = new Set(
        next.loadBalancers.filter((lb) => lb.state === 'active').map((lb) => lb.loadBalancerArn),
      );
      const planned = new Map(
        next.loadBalancers
          .flatMap((lb) => lb.listeners)
          .filter((listener) => active.has(listener.loadBalancerArn))
          .map((listener) => [listener.listenerArn, listener]),
      );
      const before = routes;
      routes = new Map(
        [...planned].map(([arn, listener]) => {
          const kept = before.get(arn);
          const picker =
            kept && sameForward(kept.listener.forward, listener.forward)
              ? kept.picker
              : new WeightedPicker(listener.forward.map((entry) => entry.weight));
          return [arn, { listener, picker }];
        }),
      );
      table.sync(next.targetGroups);
      routable.clear();
      const served = new Set(next.targetGroups.map((group) => group.targetGroupArn));
      for (const group of robins.keys()) if (!served.has(group)) robins.delete(group);
      for (const [listenerArn, byGroup] of unroutable) {
        if (!planned.has(listenerArn)) unroutable.delete(listenerArn);
        else
          for (const group of byGroup.keys())
            if (group && !served.has(group)) byGroup.delete(group);
      }
      checker.sync();
      pruneAgents();
      opening = opening.then(() => syncListeners(planned)).catch(onError);
    },
    onHealth(listener) {
      healthListeners.add(listener);
      return () => healthListeners.delete(listener);
    },
    onDrained(listener) {
      drainListeners.add(listener);
      return () => drainListeners.delete(listener);
    },
    bindings: () => [...listeners.values()].map((served) => served.binding),
    traffic: (): TargetTraffic[] =>
      table.counts().map((counts) => ({
        targetGroupArn: counts.targetGroupArn,
        targetId: counts.id,
        port: counts.port,
        requests: counts.requests,
        errors: counts.errors,
        elbErrors: counts.elbErrors,
      })),
    unroutable: (): UnroutableCount[] =>
      [...unroutable].flatMap(([listenerArn, byGroup]) =>
        [...byGroup].map(([targetGroupArn, responses]) => ({
          listenerArn,
          ...(targetGroupArn && { targetGroupArn }),
          responses,
        })),
      ),
    route(host) {
      const name = hostName(host);
      const lb = plan.loadBalancers.find(
        (candidate) => candidate.dnsName.toLowerCase() === name && candidate.state === 'active',
      );
      if (!lb || lb.listeners.length === 0) return undefined;
      const port = hostPort(host);
      const listener = lb.listeners.find((candidate) => candidate.port === port) ?? lb.listeners[0];
      return listener
        ? { request: servedBy(listener.listenerArn), upgrade: upgradedBy(listener.listenerArn) }
        : undefined;
    },
    settled: () => opening,
    async close() {
      closed = true;
      checker.close();
      table.clear();
      routable.clear();
      unroutable.clear();
      await opening;
      await Promise.all([...listeners.values()].map((served) => served.server?.close()));
      listeners.clear();
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
  };
}

function hostPort(host: string): number | undefined {
  const match = /:(\d{1,5})$/.exec(host.trim());
  return match ? Number(match[1]) : undefined;
}

/** A simulated target's answer: who it is, so spreading shows without an engine. */
function answerSimulated(
  request: IncomingMessage,
  response: ServerResponse,
  taskArn: string,
  containerName: string,
  entry: TargetEntry,
): void {
  // The body of the request is not needed; it is read and dropped so the connection stays usable.
  request.resume();
  const body = `Hello from task ${taskArn.split('/').pop() ?? taskArn}, container ${containerName} (simulated).\n`;
  response.writeHead(200, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    [targetHeader]: simulatedLabel(taskArn, entry),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

const simulatedLabel = (taskArn: string, entry: TargetEntry) =>
  `${taskArn.split('/').pop() ?? entry.id}:${entry.port}`;
