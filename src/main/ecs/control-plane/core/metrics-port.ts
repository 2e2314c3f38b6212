/**
 * The seam between what measures services (the app's metrics monitor: the Docker runtime's
 * container stats, the simulated runtime's load dial, the load balancer's request counts) and
 * the auto scaling controller, which decides from the datapoints alone. Each metric period the
 * monitor hands the control plane the latest datapoints of every series a scalable target
 * needs, as many as an alarm evaluates; they reach the controllers beside the runtime's events.
 */

export interface MetricWindow {
  /** The scalable target's resource id (`service/<cluster>/<service>`). */
  resourceId: string;
  /** A predefined metric type (`ECSServiceAverageCPUUtilization`, …). */
  metric: string;
  /** For ALBRequestCountPerTarget, the target group's resource label. */
  resourceLabel?: string;
  /** One value per period, oldest first, ending with the period just closed. */
  values: number[];
}

export interface AutoScalingMetricsEvent {
  kind: 'autoScaling.metrics';
  /** Epoch milliseconds: the end of the period just closed. */
  at: number;
  windows: MetricWindow[];
}
