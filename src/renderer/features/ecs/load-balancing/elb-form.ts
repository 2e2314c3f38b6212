import type {
  CreateListenerInput,
  CreateLoadBalancerInput,
  CreateTargetGroupInput,
  ModifyListenerInput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ElbListener, LoadBalancerView } from '../../../../shared/contract/ecs-load-balancing';

/** The create-load-balancer form's fields, as typed. */
export interface LoadBalancerForm {
  name: string;
  /** Comma-separated subnet ids: an application load balancer spans at least two zones. */
  subnets: string;
  listenerPort: string;
  targetGroupName: string;
  targetType: 'ip' | 'instance';
  targetPort: string;
  healthCheckPath: string;
  intervalSeconds: string;
  timeoutSeconds: string;
  healthyThreshold: string;
  unhealthyThreshold: string;
  matcher: string;
}

export type LoadBalancerProblems = Partial<Record<keyof LoadBalancerForm, string>>;

/**
 * An HTTP target group as ELB makes one, but with health checks quick enough to watch (ELB's
 * defaults, 30 s and 5 passes, take two and a half minutes to call a target healthy), and a
 * listener port the app can serve as is.
 */
export function initialLoadBalancerForm(): LoadBalancerForm {
  return {
    name: '',
    subnets: 'subnet-a, subnet-b',
    listenerPort: '8080',
    targetGroupName: '',
    targetType: 'ip',
    targetPort: '80',
    healthCheckPath: '/',
    intervalSeconds: '5',
    timeoutSeconds: '2',
    healthyThreshold: '2',
    unhealthyThreshold: '2',
    matcher: '200',
  };
}

/** ELB's rule for load balancer and target group names. */
const elbName = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;

const wholeIn = (text: string, min: number, max: number) => {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max;
};

/** `200`, `200,202`, `200-299`: HTTP codes from 200 to 499, as ELB's matcher takes them. */
export function matcherProblem(text: string): string | undefined {
  const code = (part: string) => /^\d{3}$/.test(part) && Number(part) >= 200 && Number(part) < 500;
  const parts = text.split(',').map((part) => part.trim());
  const valid = parts.every((part) => {
    const range = part.split('-');
    if (range.length === 1) return code(part);
    const [low = '', high = ''] = range;
    return range.length === 2 && code(low) && code(high) && Number(low) < Number(high);
  });
  return valid ? undefined : 'HTTP codes from 200 to 499: 200, 200,202 or 200-299.';
}

export const subnetList = (text: string) =>
  text
    .split(',')
    .map((subnet) => subnet.trim())
    .filter(Boolean);

/** Each field's label, to name it where its problem is listed away from it. */
export const loadBalancerFieldLabels: Record<keyof LoadBalancerForm, string> = {
  name: 'Load balancer name',
  subnets: 'Subnets',
  listenerPort: 'Listener port',
  targetGroupName: 'Target group name',
  targetType: 'Target type',
  targetPort: 'Target port',
  healthCheckPath: 'Health check path',
  intervalSeconds: 'Interval',
  timeoutSeconds: 'Timeout',
  healthyThreshold: 'Healthy threshold',
  unhealthyThreshold: 'Unhealthy threshold',
  matcher: 'Success codes',
};

/** What ELB would refuse, by field, in ELB's terms; empty when the three requests can go. */
export function loadBalancerProblems(form: LoadBalancerForm): LoadBalancerProblems {
  const problems: LoadBalancerProblems = {};
  if (!elbName.test(form.name)) {
    problems.name = 'Up to 32 letters, numbers and hyphens, not beginning or ending with a hyphen.';
  } else if (form.name.toLowerCase().startsWith('internal-')) {
    problems.name = 'A load balancer name cannot begin with "internal-".';
  }
  if (new Set(subnetList(form.subnets)).size < 2) {
    problems.subnets = 'An application load balancer needs at least two subnets.';
  }
  if (!wholeIn(form.listenerPort, 1, 65535)) {
    problems.listenerPort = 'A port from 1 to 65535.';
  }
  if (!elbName.test(form.targetGroupName)) {
    problems.targetGroupName =
      'Up to 32 letters, numbers and hyphens, not beginning or ending with a hyphen.';
  }
  if (!wholeIn(form.targetPort, 1, 65535)) problems.targetPort = 'A port from 1 to 65535.';
  if (!form.healthCheckPath.startsWith('/') || form.healthCheckPath.length > 1024) {
    problems.healthCheckPath = 'A path beginning with /, up to 1024 characters.';
  }
  if (!wholeIn(form.intervalSeconds, 5, 300)) {
    problems.intervalSeconds = 'Whole seconds from 5 to 300.';
  }
  if (!wholeIn(form.timeoutSeconds, 2, 120)) {
    problems.timeoutSeconds = 'Whole seconds from 2 to 120.';
  } else if (
    wholeIn(form.intervalSeconds, 5, 300) &&
    Number(form.timeoutSeconds) >= Number(form.intervalSeconds)
  ) {
    problems.timeoutSeconds = 'The timeout must be shorter than the interval.';
  }
  if (!wholeIn(form.healthyThreshold, 2, 10)) problems.healthyThreshold = 'From 2 to 10.';
  if (!wholeIn(form.unhealthyThreshold, 2, 10)) problems.unhealthyThreshold = 'From 2 to 10.';
  const matcher = matcherProblem(form.matcher);
  if (matcher) problems.matcher = matcher;
  return problems;
}

/** What the app does with a listener port: serve it directly (≥ 1024) or only through the endpoint. */
export function listenerPortNote(port: string): string {
  const value = Number(port);
  if (wholeIn(port, 1, 1023)) {
    return `Port ${value} needs administrator rights on this computer: it is served only through the ECS endpoint with the load balancer's DNS name. Choose 1024 or above to open it directly.`;
  }
  return 'From 1024 up the app serves the listener on 127.0.0.1 at this port, if it is free.';
}

export function createLoadBalancerRequest(form: LoadBalancerForm): CreateLoadBalancerInput {
  return {
    Name: form.name,
    Type: 'application',
    Scheme: 'internet-facing',
    Subnets: subnetList(form.subnets),
  };
}

export function createTargetGroupRequest(form: LoadBalancerForm): CreateTargetGroupInput {
  return {
    Name: form.targetGroupName,
    Protocol: 'HTTP',
    Port: Number(form.targetPort),
    TargetType: form.targetType,
    HealthCheckProtocol: 'HTTP',
    HealthCheckPath: form.healthCheckPath,
    HealthCheckIntervalSeconds: Number(form.intervalSeconds),
    HealthCheckTimeoutSeconds: Number(form.timeoutSeconds),
    HealthyThresholdCount: Number(form.healthyThreshold),
    UnhealthyThresholdCount: Number(form.unhealthyThreshold),
    Matcher: { HttpCode: form.matcher.replace(/\s+/g, '') },
  };
}

export function createListenerRequest(
  form: LoadBalancerForm,
  loadBalancerArn: string,
  targetGroupArn: string,
): CreateListenerInput {
  return {
    LoadBalancerArn: loadBalancerArn,
    Protocol: 'HTTP',
    Port: Number(form.listenerPort),
    DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
  };
}

/** A listener's default action as weights per target group (one group weighs 1). */
export function forwardWeights(
  listener: ElbListener,
): { targetGroupArn: string; weight: number }[] {
  const action = listener.DefaultActions?.find((item) => item.Type === 'forward');
  const groups = action?.ForwardConfig?.TargetGroups ?? [];
  if (groups.length > 0) {
    return groups.map((group) => ({
      targetGroupArn: group.TargetGroupArn ?? '',
      weight: group.Weight ?? 1,
    }));
  }
  return action?.TargetGroupArn ? [{ targetGroupArn: action.TargetGroupArn, weight: 1 }] : [];
}

/**
 * ModifyListener's default action: all to one group when the other weighs nothing, else
 * weighted forwarding over both (ELB takes weights from 0 to 999).
 */
export function modifyListenerRequest(
  listenerArn: string,
  weights: readonly { targetGroupArn: string; weight: number }[],
): ModifyListenerInput {
  return {
    ListenerArn: listenerArn,
    DefaultActions: [
      {
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: weights.map((item) => ({
            TargetGroupArn: item.targetGroupArn,
            Weight: item.weight,
          })),
        },
      },
    ],
  };
}

/** Where to send a request: the listener's own port, or the endpoint with the DNS name. */
export interface ListenerAddress {
  url: string;
  /** The `Host` header to send with it, when the endpoint is used. */
  host?: string;
  curl: string;
}

export function listenerAddress(
  view: LoadBalancerView,
  listener: LoadBalancerView['listeners'][number],
): ListenerAddress | undefined {
  if (listener.directUrl) {
    return { url: listener.directUrl, curl: `curl -i ${listener.directUrl}/` };
  }
  const host = view.loadBalancer.DNSName;
  if (view.endpointUrl && host) {
    return {
      url: view.endpointUrl,
      host,
      curl: `curl -i -H 'Host: ${host}' ${view.endpointUrl}/`,
    };
  }
  return undefined;
}

/** A target's state in words a person reads; the ELB code goes in a tooltip. */
export function targetHealthWords(state: string | undefined, reason: string | undefined): string {
  switch (reason) {
    case 'Elb.RegistrationInProgress':
      return 'Being registered with the load balancer';
    case 'Elb.InitialHealthChecking':
      return 'Being checked before it gets traffic';
    case 'Target.ResponseCodeMismatch':
      return 'Answers health checks with a status code the matcher does not accept';
    case 'Target.Timeout':
      return 'Health checks time out';
    case 'Target.FailedHealthChecks':
      return 'Fails health checks: no answer or the connection is refused';
    case 'Target.NotRegistered':
      return 'Not registered in the target group';
    case 'Target.NotInUse':
      return 'No listener forwards to its target group';
    case 'Target.DeregistrationInProgress':
      return 'Draining: finishing requests in flight, gets no new ones';
    case 'Target.InvalidState':
      return 'Not running';
    case 'Target.IpUnusable':
      return 'Its address cannot be used';
    case 'Target.HealthCheckDisabled':
      return 'Health checks are off: it gets traffic unchecked';
    case 'Elb.InternalError':
      return 'The load balancer could not check it';
  }
  switch (state) {
    case 'healthy':
      return 'Healthy: gets traffic';
    case 'initial':
      return 'Being checked before it gets traffic';
    case 'unhealthy':
      return 'Unhealthy: gets no traffic';
    case 'draining':
      return 'Draining: finishing requests in flight';
    case 'unused':
      return 'Not in use';
    default:
      return state ?? 'Unknown';
  }
}

export const healthColor = (state: string | undefined) =>
  state === 'healthy'
    ? 'success.main'
    : state === 'unhealthy'
      ? 'error.main'
      : state === 'initial' || state === 'draining'
        ? 'warning.main'
        : 'text.disabled';

/** The ELB code behind the words, for the tooltip. */
export function targetHealthCode(state: string | undefined, reason: string | undefined): string {
  return reason ? `${state ?? ''} · ${reason}` : (state ?? '');
}

/** The last part of an ELB ARN's name: `targetgroup/web/0123…` → `web`. */
export function elbArnName(arn: string | undefined): string {
  const match = /:(?:loadbalancer\/app|targetgroup)\/([^/]+)/.exec(arn ?? '');
  return match?.[1] ?? arn ?? '';
}
