import { useStowageQuery } from '../../../api';

/** While traffic runs, the list is read each second: see `useLoadBalancing`. */
const liveMs = 1000;

/**
 * The cluster's load balancers with their target groups, and this session's traffic runs.
 * Both follow `ecs.changed` through the cache rules, but the per-target request counts grow
 * with every request the data plane carries without any change of the control plane's state,
 * so while a traffic run is active both are re-read each second to keep the counts live.
 */
export function useLoadBalancing(cluster: string | undefined) {
  const runs = useStowageQuery(
    'ecs.traffic.list',
    {},
    {
      refetchInterval: (query) =>
        (query.state.data ?? []).some((run) => run.stoppedAt === undefined) ? liveMs : false,
    },
  );
  const active = (runs.data ?? []).some((run) => run.stoppedAt === undefined);
  const list = useStowageQuery('ecs.loadBalancers.list', cluster === undefined ? {} : { cluster }, {
    refetchInterval: active ? liveMs : false,
  });
  return { list, runs, active };
}
