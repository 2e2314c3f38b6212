import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The seam between the ELBv2 control plane (load balancers, listeners, target groups and
 * their registered targets, kept in the control plane's state) and the data plane that
 * carries real HTTP traffic (a reverse proxy per listener, health checks, counters).
 *
 * The control plane derives a `LoadBalancerPlan` from its state after every change; the data
 * plane serves exactly that plan. The data plane health-checks targets itself, counts
 * consecutive passes and failures against the target group's thresholds, and reports only
 * the transitions, as `target.health` runtime events, which the control plane records and
 * acts on (a service replaces a task whose target turned unhealthy).
 */

/** ELB's target states. `initial` until the healthy or unhealthy threshold is first met. */
export type TargetHealthState = 'initial' | 'healthy' | 'unhealthy' | 'draining' | 'unused';

/** ELB's reason codes for a state other than healthy. */
export type TargetHealthReason =
  | 'Elb.RegistrationInProgress'
  | 'Elb.InitialHealthChecking'
  | 'Target.ResponseCodeMismatch'
  | 'Target.Timeout'
  | 'Target.FailedHealthChecks'
  | 'Target.NotRegistered'
  | 'Target.NotInUse'
  | 'Target.DeregistrationInProgress'
  | 'Target.InvalidState'
  | 'Target.IpUnusable'
  | 'Target.HealthCheckDisabled'
  | 'Elb.InternalError';

/**
 * How the data plane reaches a target: a real address (a container's published port on the
 * loopback, or an address on a Docker network the host can route to), or a task of the
 * simulated runtime, which has no socket: the data plane answers for it itself, so traffic
 * and health can be shown without an engine.
 */
export type TargetEndpoint =
  | { kind: 'address'; host: string; port: number }
  | { kind: 'simulated'; taskArn: string; containerName: string; healthy: boolean };

export interface PlannedTarget {
  /** As registered: an IP address (target type `ip`) or an EC2 instance id (`instance`). */
  id: string;
  port: number;
  availabilityZone?: string;
  state: TargetHealthState;
  reason?: TargetHealthReason;
  /** Absent when the control plane cannot tell where the target is (it is not routed to). */
  endpoint?: TargetEndpoint;
  /** The task it belongs to, when it is a task's (a service registered it). */
  taskArn?: string;
  /** Epoch ms at which a draining target is removed; requests in flight may finish until then. */
  drainUntil?: number;
}

export interface PlannedHealthCheck {
  enabled: boolean;
  protocol: 'HTTP';
  /** `traffic-port` (the target's own port) or a port number. */
  port: 'traffic-port' | number;
  path: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThresholdCount: number;
  unhealthyThresholdCount: number;
  /** HTTP codes that pass, as ELB writes them: `200`, `200,202`, `200-299`. */
  matcher: string;
}

export interface PlannedTargetGroup {
  targetGroupArn: string;
  name: string;
  protocol: 'HTTP';
  port: number;
  targetType: 'ip' | 'instance';
  healthCheck: PlannedHealthCheck;
  deregistrationDelaySeconds: number;
  targets: PlannedTarget[];
}

export interface PlannedListener {
  listenerArn: string;
  loadBalancerArn: string;
  protocol: 'HTTP';
  port: number;
  /** The default action: forward to one target group, or weighted over several. */
  forward: { targetGroupArn: string; weight: number }[];
}

export interface PlannedLoadBalancer {
  loadBalancerArn: string;
  name: string;
  /** What a client puts in `Host` to reach it through the endpoint's own port. */
  dnsName: string;
  state: 'provisioning' | 'active' | 'failed';
  listeners: PlannedListener[];
}

/** Everything the data plane serves, derived from the control plane's state. */
export interface LoadBalancerPlan {
  loadBalancers: PlannedLoadBalancer[];
  targetGroups: PlannedTargetGroup[];
}

/** Where a listener is actually served, as the data plane managed to bind it. */
export interface ListenerBinding {
  listenerArn: string;
  /** `http://127.0.0.1:<port>` when the listener's own port was free (≥ 1024), else absent. */
  directUrl?: string;
  /** Why the listener's own port is not served directly (below 1024, or in use). */
  directProblem?: string;
  /**
   * With `directProblem`: a free loopback port the listener is served on instead, for the
   * app's own traffic generator (a program that knows only the AWS API uses the endpoint).
   */
  fallbackUrl?: string;
}

/** Cumulative counts per target since its group was first served (for the UI and the metrics). */
export interface TargetTraffic {
  targetGroupArn: string;
  targetId: string;
  port: number;
  requests: number;
  /** Connection failures, timeouts and 5xx answers from the target. */
  errors: number;
  /** Requests sent to it that the load balancer answered itself (502, 504). */
  elbErrors?: number;
}

/**
 * The data plane saw a registered target cross its target group's healthy or unhealthy
 * threshold. It reaches the control plane's reconcile pass beside the runtime's events.
 */
export interface TargetHealthEvent {
  kind: 'target.health';
  targetGroupArn: string;
  targetId: string;
  port: number;
  state: 'healthy' | 'unhealthy';
  reason?: TargetHealthReason;
  /** Epoch milliseconds. */
  at: number;
}

/**
 * A draining target has nothing in flight any more (or its deregistration delay is over): ELB
 * completes the deregistration at once rather than waiting out the delay. `drainUntil` names
 * the drain that ended, so a later one is not taken for it.
 */
export interface TargetDrainedEvent {
  kind: 'target.drained';
  targetGroupArn: string;
  targetId: string;
  port: number;
  drainUntil: number;
  /** Epoch milliseconds. */
  at: number;
}

/** What the data plane tells the control plane. */
export type LoadBalancerEvent = TargetHealthEvent | TargetDrainedEvent;

/** Requests a listener answered 503 itself because the group it picked had no routable target. */
export interface UnroutableCount {
  listenerArn: string;
  /** Absent when the listener's weights picked no group at all (every weight 0). */
  targetGroupArn?: string;
  responses: number;
}

/** A listener's traffic as another server (the ECS endpoint's own port) hands it over. */
export interface LoadBalancerRoute {
  request(request: IncomingMessage, response: ServerResponse): void;
  /** An Upgrade (WebSocket) handshake, on the connection's raw socket. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/** What the app's data plane offers the rest of main (the UI handlers, auto scaling). */
export interface LoadBalancerDataPlane {
  /** Serves `plan` from now on: listeners opened and closed, targets added and drained. */
  apply(plan: LoadBalancerPlan): void;
  /** Health transitions, for the control plane (`EcsControlPlane.report`). */
  onHealth(listener: (event: TargetHealthEvent) => void): () => void;
  /** Drains that ended, for the control plane as well. */
  onDrained(listener: (event: TargetDrainedEvent) => void): () => void;
  bindings(): ListenerBinding[];
  /** Every target's counts while its target group is served, including targets that left it. */
  traffic(): TargetTraffic[];
  /** The 503s answered for want of a routable target, per listener and target group. */
  unroutable(): UnroutableCount[];
  /**
   * The listener that serves a request whose `Host` is a load balancer's `DNSName` (with the
   * listener's port, or the first listener without one), for the ECS endpoint's own port.
   */
  route(host: string): LoadBalancerRoute | undefined;
  close(): Promise<void>;
}
