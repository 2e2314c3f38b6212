import type { TargetTraffic, UnroutableCount } from './control-plane/core/load-balancer-port';
import type { EcsControlPlane } from './control-plane/core/control-plane';
import { clusterNameOf } from './control-plane/core/arns';
import { services } from './control-plane/services/records';
import { registeredTargets } from './control-plane/target-groups/records';
import type {
  ecsLoadBalancingCalls,
  LoadBalancerView,
  TargetGroupView,
} from '../../shared/contract/ecs-load-balancing';
import type { CallHandler } from '../rpc/handlers';
import type { AppEcs } from './simulator';
import { toWire } from './wire';

type LoadBalancingCall = Exclude<keyof typeof ecsLoadBalancingCalls, `ecs.traffic.${string}`>;
type LoadBalancingHandlers = { [K in LoadBalancingCall]: CallHandler<K> };

/** The app's ECS endpoint URL while it listens (it also serves every load balancer by Host). */
export type EndpointUrl = () => Promise<string | undefined>;

/** The contract's load-balancing calls, on the control plane and its data plane's counts. */
export function ecsLoadBalancingHandlers(
  ecs: AppEcs,
  endpointUrl: EndpointUrl = async () => undefined,
): LoadBalancingHandlers {
  const plane = async () => (await ecs.get()).controlPlane;
  return {
    'ecs.loadBalancers.list': async ({ cluster }) => {
      const simulator = await ecs.get();
      const url = await endpointUrl();
      return listView(
        simulator.controlPlane,
        cluster,
        {
          traffic: simulator.loadBalancers?.traffic() ?? [],
          unroutable: simulator.loadBalancers?.unroutable() ?? [],
        },
        simulator.loadBalancers?.bindings() ?? [],
        url,
      );
    },
    'ecs.loadBalancers.create': async ({ request }) => {
      const answer = await (await plane()).createLoadBalancer(request as never);
      return toWire(answer.LoadBalancers?.[0] ?? {});
    },
    'ecs.loadBalancers.delete': async ({ loadBalancerArn }) => {
      await (await plane()).deleteLoadBalancer({ LoadBalancerArn: loadBalancerArn });
      return {};
    },
    'ecs.targetGroups.create': async ({ request }) => {
      const answer = await (await plane()).createTargetGroup(request as never);
      return toWire(answer.TargetGroups?.[0] ?? {});
    },
    'ecs.targetGroups.delete': async ({ targetGroupArn }) => {
      await (await plane()).deleteTargetGroup({ TargetGroupArn: targetGroupArn });
      return {};
    },
    'ecs.listeners.create': async ({ request }) => {
      const answer = await (await plane()).createListener(request as never);
      return toWire(answer.Listeners?.[0] ?? {});
    },
    'ecs.listeners.modify': async ({ request }) => {
      const answer = await (await plane()).modifyListener(request as never);
      return toWire(answer.Listeners?.[0] ?? {});
    },
    'ecs.listeners.delete': async ({ listenerArn }) => {
      await (await plane()).deleteListener({ ListenerArn: listenerArn });
      return {};
    },
  };
}

/**
 * Every load balancer with its listeners and every target group with its targets' health
 * and counts; with a cluster, only what its services use and what no service uses.
 */
async function listView(
  cp: EcsControlPlane,
  cluster: string | undefined,
  counts: { traffic: readonly TargetTraffic[]; unroutable: readonly UnroutableCount[] },
  bindings: readonly { listenerArn: string; directUrl?: string; directProblem?: string }[],
  endpointUrl: string | undefined,
): Promise<{ loadBalancers: LoadBalancerView[]; targetGroups: TargetGroupView[] }> {
  const state = cp.state;
  const { traffic, unroutable } = counts;
  const users = new Map<string, { serviceArn: string; clusterName: string }[]>();
  for (const service of services.all(state)) {
    if (service.status === 'INACTIVE') continue;
    for (const entry of service.loadBalancers) {
      if (entry.targetGroupArn === undefined) continue;
      const list = users.get(entry.targetGroupArn) ?? [];
      list.push({ serviceArn: service.serviceArn, clusterName: clusterNameOf(service.clusterArn) });
      users.set(entry.targetGroupArn, list);
    }
  }
  const clusterName = cluster === undefined ? undefined : clusterNameOf(cluster);
  const shown = (targetGroupArn: string) => {
    const using = users.get(targetGroupArn) ?? [];
    return (
      clusterName === undefined ||
      using.length === 0 ||
      using.some((user) => user.clusterName === clusterName)
    );
  };
  const { TargetGroups = [] } = await cp.describeTargetGroups({});
  const groups = TargetGroups.filter((group) => shown(group.TargetGroupArn ?? ''));
  const targetGroups = await Promise.all(
    groups.map(async (group): Promise<TargetGroupView> => {
      const arn = group.TargetGroupArn ?? '';
      const { TargetHealthDescriptions = [] } = await cp.describeTargetHealth({
        TargetGroupArn: arn,
      });
      const registered = registeredTargets.get(state, arn)?.targets ?? [];
      const refused = unroutable
        .filter((count) => count.targetGroupArn === arn)
        .reduce((sum, count) => sum + count.responses, 0);
      return {
        targetGroup: toWire(group),
        targets: TargetHealthDescriptions.map((health) => {
          const id = health.Target?.Id ?? '';
          const port = health.Target?.Port ?? 0;
          const record = registered.find((t) => t.id === id && t.port === port);
          const counted = traffic.find(
            (t) => t.targetGroupArn === arn && t.targetId === id && t.port === port,
          );
          return {
            health: toWire(health),
            ...(record?.taskArn !== undefined && { taskArn: record.taskArn }),
            requests: counted?.requests ?? 0,
            errors: counted?.errors ?? 0,
          };
        }),
        serviceArns: (users.get(arn) ?? []).map((user) => user.serviceArn),
        ...(refused > 0 && { unroutable: refused }),
      };
    }),
  );
  const { LoadBalancers = [] } = await cp.describeLoadBalancers({});
  const loadBalancers = await Promise.all(
    LoadBalancers.map(async (lb): Promise<LoadBalancerView | undefined> => {
      const lbArn = lb.LoadBalancerArn ?? '';
      const { Listeners = [] } = await cp.describeListeners({ LoadBalancerArn: lbArn });
      const forwardsTo = Listeners.flatMap((listener) =>
        (listener.DefaultActions ?? []).flatMap(
          (action) => action.ForwardConfig?.TargetGroups?.map((g) => g.TargetGroupArn ?? '') ?? [],
        ),
      );
      const usedHere = forwardsTo.some((arn) =>
        (users.get(arn) ?? []).some((user) => user.clusterName === clusterName),
      );
      const unused = forwardsTo.every((arn) => (users.get(arn) ?? []).length === 0);
      if (clusterName !== undefined && !usedHere && !unused) return undefined;
      return {
        loadBalancer: toWire(lb),
        listeners: Listeners.map((listener) => {
          const binding = bindings.find((b) => b.listenerArn === listener.ListenerArn);
          const refused = unroutable
            .filter((count) => count.listenerArn === listener.ListenerArn)
            .map(({ targetGroupArn, responses }) => ({
              ...(targetGroupArn !== undefined && { targetGroupArn }),
              responses,
            }));
          return {
            listener: toWire(listener),
            ...(refused.length > 0 && { unroutable: refused }),
            ...(binding?.directUrl !== undefined && { directUrl: binding.directUrl }),
            ...(binding?.directProblem !== undefined && { directProblem: binding.directProblem }),
          };
        }),
        ...(endpointUrl !== undefined && { endpointUrl }),
      };
    }),
  );
  return {
    loadBalancers: loadBalancers.filter((lb): lb is LoadBalancerView => lb !== undefined),
    targetGroups,
  };
}
