import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { CallInput, ContainerSummary } from '../../../shared';
import { useStowageClient } from '../../api';
import { applyEvent, impliedState, mergeReread, needsReread } from './live-list';
import { createRereadBatcher } from './reread-batcher';

/** Long enough to take a burst (stop: kill, die, stop) in one read; short beside 250 ms. */
const gatherMs = 25;

type ListInput = CallInput<'containers.list'>;

/**
 * Keeps every cached container list live while the page is open: an engine event changes
 * its row at once (state, name, health; a removed container goes), then the rows the events
 * named are read from the engine again, a burst in one call, and merged in.
 */
export function useLiveContainers(): void {
  const client = useStowageClient();
  const queryClient = useQueryClient();
  useEffect(() => {
    const lists = () =>
      queryClient.getQueriesData<ContainerSummary[]>({ queryKey: ['containers.list'] });
    const update = (
      change: (list: readonly ContainerSummary[], runningOnly: boolean) => ContainerSummary[],
    ) => {
      for (const [key, list] of lists()) {
        if (!list) continue;
        const input = (key[1] ?? {}) as ListInput;
        if (input.ids) continue;
        const next = change(list, input.all === false);
        if (next !== list) queryClient.setQueryData(key, next);
        // A full read that left before the event would land with the state before it: it
        // is dropped for one that leaves now.
        if (queryClient.getQueryState(key)?.fetchStatus === 'fetching') {
          void queryClient.invalidateQueries({ queryKey: key, exact: true });
        }
      }
    };
    const rereads = createRereadBatcher({
      gatherMs,
      read: (ids) => client.call('containers.list', { all: true, ids }),
      onRead: (ids, fresh) =>
        update((list, runningOnly) => mergeReread(list, ids, fresh, runningOnly)),
    });
    const stop = client.subscribe('engine.event', (event) => {
      if (event.type !== 'container') return;
      update((list, runningOnly) => applyEvent(list, event, runningOnly) as ContainerSummary[]);
      if (needsReread(event)) rereads.add(event.id, impliedState(event));
    });
    return () => {
      stop();
      rereads.dispose();
    };
  }, [client, queryClient]);
}
