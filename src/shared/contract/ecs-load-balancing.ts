import type {
  Listener,
  LoadBalancer,
  TargetGroup,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {
  ScalableTarget,
  ScalingActivity,
  ScalingPolicy,
} from '@aws-sdk/client-application-auto-scaling';
import { z } from 'zod';
import { ecsReferenceSchema, type Wire } from '../domain/ecs';
import { call } from './define';
import { noInput } from './engine';

// Shapes only, as for the other ECS calls: the control plane checks what a request means, so
// the app gets the same errors and messages as the ELBv2 and Application Auto Scaling APIs.
const arn = ecsReferenceSchema;
/** A request exactly as the SDK client names it (CreateLoadBalancerInput, …). */
const sdkRequest = z.record(z.string(), z.unknown());

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const sdkShape = <T>() => z.custom<T>(isPlainObject, 'Not an object.');

export type ElbLoadBalancer = Wire<LoadBalancer>;
export type ElbListener = Wire<Listener>;
export type ElbTargetGroup = Wire<TargetGroup>;
export type ElbTargetHealth = Wire<TargetHealthDescription>;
export type AutoScalingTarget = Wire<ScalableTarget>;
export type AutoScalingPolicy = Wire<ScalingPolicy>;
export type AutoScalingActivity = Wire<ScalingActivity>;

/** A target with what the load balancer's data plane counted for it. */
const targetViewSchema = z.object({
  health: sdkShape<ElbTargetHealth>(),
  /** The task the target belongs to, when a service registered it. */
  taskArn: z.string().optional(),
  requests: z.number(),
  errors: z.number(),
});
export type TargetView = z.infer<typeof targetViewSchema>;

const targetGroupViewSchema = z.object({
  targetGroup: sdkShape<ElbTargetGroup>(),
  targets: z.array(targetViewSchema),
  /** The services that register their tasks in it (`loadBalancers` of CreateService). */
  serviceArns: z.array(z.string()),
  /** 503s the listeners answered themselves when this group had no routable target. */
  unroutable: z.number().optional(),
});
export type TargetGroupView = z.infer<typeof targetGroupViewSchema>;

const listenerViewSchema = z.object({
  listener: sdkShape<ElbListener>(),
  /** `http://127.0.0.1:<port>`, when the listener's own port could be served. */
  directUrl: z.string().optional(),
  /** Why it is not (a port below 1024, or one in use): reach it through `endpointUrl`. */
  directProblem: z.string().optional(),
  /**
   * 503s it answered itself because the group it picked had no routable target, per group
   * (no `targetGroupArn`: every weight was 0, so no group was picked).
   */
  unroutable: z
    .array(z.object({ targetGroupArn: z.string().optional(), responses: z.number() }))
    .optional(),
});

const loadBalancerViewSchema = z.object({
  loadBalancer: sdkShape<ElbLoadBalancer>(),
  listeners: z.array(listenerViewSchema),
  /**
   * The app's ECS endpoint, which also serves every load balancer when asked with its
   * `DNSName` in `Host` (`curl -H 'Host: <DNSName>' <endpointUrl>`); absent when it is off.
   */
  endpointUrl: z.string().optional(),
});
export type LoadBalancerView = z.infer<typeof loadBalancerViewSchema>;

const trafficRunSchema = z.object({
  id: z.string(),
  /** The listener it sends to. */
  listenerArn: z.string().optional(),
  url: z.string(),
  requestsPerSecond: z.number(),
  startedAt: z.number(),
  /** Absent while it runs. */
  stoppedAt: z.number().optional(),
  sent: z.number(),
  /** Answers by HTTP status (`200`, `502`, …); connection failures under `error`. */
  byStatus: z.record(z.string(), z.number()),
  /** Answers by the target that served them (`ip:port`, or the task for a simulated one). */
  byTarget: z.array(z.object({ target: z.string(), responses: z.number() })),
  latencyMs: z.object({ p50: z.number(), p99: z.number() }).optional(),
});
export type TrafficRun = z.infer<typeof trafficRunSchema>;

/** Load balancers (ELBv2, application load balancers), served by a real proxy on loopback. */
export const ecsLoadBalancingCalls = {
  /**
   * Every load balancer with its listeners, target groups and targets' health and counts;
   * with `cluster`, those whose target groups a service of the cluster uses, plus those with
   * no service at all.
   */
  'ecs.loadBalancers.list': call({
    input: z.object({ cluster: ecsReferenceSchema.optional() }).strict(),
    output: z.object({
      loadBalancers: z.array(loadBalancerViewSchema),
      targetGroups: z.array(targetGroupViewSchema),
    }),
  }),
  /** A CreateLoadBalancerInput. */
  'ecs.loadBalancers.create': call({
    input: z.object({ request: sdkRequest }).strict(),
    output: sdkShape<ElbLoadBalancer>(),
  }),
  /** Deletes its listeners with it, as ELB does; its target groups stay. */
  'ecs.loadBalancers.delete': call({
    input: z.object({ loadBalancerArn: arn }).strict(),
    output: z.object({}),
  }),
  /** A CreateTargetGroupInput. */
  'ecs.targetGroups.create': call({
    input: z.object({ request: sdkRequest }).strict(),
    output: sdkShape<ElbTargetGroup>(),
  }),
  /** Refused with ResourceInUse while a listener forwards to it, as ELB refuses it. */
  'ecs.targetGroups.delete': call({
    input: z.object({ targetGroupArn: arn }).strict(),
    output: z.object({}),
  }),
  /** A CreateListenerInput. */
  'ecs.listeners.create': call({
    input: z.object({ request: sdkRequest }).strict(),
    output: sdkShape<ElbListener>(),
  }),
  /** A ModifyListenerInput (its default action: one target group, or weights over two). */
  'ecs.listeners.modify': call({
    input: z.object({ request: sdkRequest }).strict(),
    output: sdkShape<ElbListener>(),
  }),
  'ecs.listeners.delete': call({
    input: z.object({ listenerArn: arn }).strict(),
    output: z.object({}),
  }),
  /**
   * Sends GET requests to a listener at a steady rate from inside the app, so spreading can
   * be watched; stops by itself after `durationSeconds`.
   */
  'ecs.traffic.start': call({
    input: z
      .object({
        listenerArn: arn,
        path: z.string().max(1024).startsWith('/').optional(),
        requestsPerSecond: z.number().int().min(1).max(500),
        durationSeconds: z.number().int().min(1).max(3600),
      })
      .strict(),
    output: trafficRunSchema,
  }),
  'ecs.traffic.stop': call({
    input: z.object({ id: z.string().max(64) }).strict(),
    output: trafficRunSchema,
  }),
  /** The runs of this session, newest first (running ones with their counts so far). */
  'ecs.traffic.list': call({
    input: noInput,
    output: z.array(trafficRunSchema),
  }),
};

const serviceRef = { cluster: ecsReferenceSchema, service: ecsReferenceSchema };

const metricSeriesSchema = z.object({
  /** `ECSServiceAverageCPUUtilization`, `ECSServiceAverageMemoryUtilization`, `ALBRequestCountPerTarget`. */
  metric: z.string(),
  /** Seconds per datapoint: 60, or the demo period. */
  periodSeconds: z.number(),
  datapoints: z.array(z.object({ at: z.number(), value: z.number() })),
  /** The target value of the target-tracking policy that follows it, if one does. */
  targetValue: z.number().optional(),
});
export type MetricSeries = z.infer<typeof metricSeriesSchema>;

const autoScalingViewSchema = z.object({
  /** Absent until the service is registered as a scalable target. */
  scalableTarget: sdkShape<AutoScalingTarget>().optional(),
  policies: z.array(sdkShape<AutoScalingPolicy>()),
  /** Newest first. */
  activities: z.array(sdkShape<AutoScalingActivity>()),
  metrics: z.array(metricSeriesSchema),
  /** What the simulated runtime's load dial is set to (the Docker runtime reads real stats). */
  load: z.object({ cpuPercent: z.number(), memoryPercent: z.number() }).optional(),
});
export type AutoScalingView = z.infer<typeof autoScalingViewSchema>;

const autoScalingSettingsSchema = z
  .object({
    /**
     * Demo timing: a short metric period and cooldowns, so scaling is watched in minutes
     * rather than a quarter of an hour. Off means AWS's own periods and default cooldowns.
     */
    demoTiming: z.boolean(),
  })
  .strict();
export type AutoScalingSettings = z.infer<typeof autoScalingSettingsSchema>;

/** Application Auto Scaling for ECS services (`service/<cluster>/<service>`). */
export const ecsAutoScalingCalls = {
  'ecs.autoScaling.get': call({
    input: z.object(serviceRef).strict(),
    output: autoScalingViewSchema,
  }),
  /** RegisterScalableTarget: min and max capacity clamp the desired count. */
  'ecs.autoScaling.register': call({
    input: z
      .object({
        ...serviceRef,
        minCapacity: z.number().int().min(0),
        maxCapacity: z.number().int().min(0),
      })
      .strict(),
    output: autoScalingViewSchema,
  }),
  /** DeregisterScalableTarget, with its policies. */
  'ecs.autoScaling.deregister': call({
    input: z.object(serviceRef).strict(),
    output: z.object({}),
  }),
  /** A PutScalingPolicyRequest without the resource members, which are the service's. */
  'ecs.autoScaling.putPolicy': call({
    input: z.object({ ...serviceRef, request: sdkRequest }).strict(),
    output: autoScalingViewSchema,
  }),
  'ecs.autoScaling.deletePolicy': call({
    input: z.object({ ...serviceRef, policyName: z.string().min(1).max(256) }).strict(),
    output: autoScalingViewSchema,
  }),
  /** The simulated runtime's load dial for a service (what its tasks' CPU and memory read). */
  'ecs.autoScaling.setLoad': call({
    input: z
      .object({
        ...serviceRef,
        cpuPercent: z.number().min(0).max(100),
        memoryPercent: z.number().min(0).max(100),
      })
      .strict(),
    output: z.object({}),
  }),
  'ecs.autoScaling.settings': call({
    input: noInput,
    output: autoScalingSettingsSchema,
  }),
  'ecs.autoScaling.setSettings': call({
    input: autoScalingSettingsSchema,
    output: autoScalingSettingsSchema,
  }),
};
