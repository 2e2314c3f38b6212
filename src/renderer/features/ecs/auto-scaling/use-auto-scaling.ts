import { useQueryClient } from '@tanstack/react-query';
import type { CallOutput } from '../../../../shared';
import { stowageQueryKey, useStowageQuery } from '../../../api';

type View = CallOutput<'ecs.autoScaling.get'>;

/**
 * A service's auto scaling. Policies and activities follow `ecs.changed`; the metric gains a
 * datapoint each period whether or not anything changed, so while the service is a scalable
 * target the view is also re-read twice a period.
 */
export function useAutoScaling(cluster: string, service: string) {
  return useStowageQuery(
    'ecs.autoScaling.get',
    { cluster, service },
    {
      refetchInterval: (query) => {
        const view = query.state.data;
        if (!view?.scalableTarget) return false;
        const period = view.metrics[0]?.periodSeconds ?? 60;
        return Math.max(1000, (period * 1000) / 2);
      },
    },
  );
}

/** Puts the view a change answered with in the cache, so the panel shows it at once. */
export function useKeepAutoScaling(cluster: string, service: string) {
  const queryClient = useQueryClient();
  return (view: View) =>
    queryClient.setQueryData(stowageQueryKey('ecs.autoScaling.get', { cluster, service }), view);
}
