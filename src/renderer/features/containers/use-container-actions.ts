import { useState } from 'react';
import type { ContainerSummary } from '../../../shared';
import { useStowageMutation, type StowageClient } from '../../api';
import { counted } from '../../common/list/count-label';
import { useToast } from '../../common/toast';
import { containerNoun, type ContainerAction } from './container-rows';
import { pendingActions, type SlowAction } from './pending-actions';

const isSlow = (action: ContainerAction | 'remove'): action is SlowAction =>
  action === 'stop' || action === 'restart' || action === 'kill' || action === 'remove';

export interface ActionFailure {
  name: string;
  message: string;
}

function perform(
  client: StowageClient,
  action: ContainerAction | 'remove',
  container: string,
  options: { volumes?: boolean },
): Promise<unknown> {
  switch (action) {
    case 'start':
      return client.call('containers.start', { container });
    case 'stop':
      return client.call('containers.stop', { container });
    case 'restart':
      return client.call('containers.restart', { container });
    case 'pause':
      return client.call('containers.pause', { container });
    case 'unpause':
      return client.call('containers.unpause', { container });
    case 'kill':
      return client.call('containers.kill', { container });
    case 'remove':
      return client.call('containers.remove', {
        container,
        force: true,
        volumes: options.volumes ?? false,
      });
  }
}

/**
 * Runs one action on each chosen container, all at once, through the shared mutation (one run
 * per container, so a bulk action keeps each container's failure), and keeps what failed and
 * why; the list itself follows from the engine's events, whatever happened.
 */
export function useContainerActions() {
  const mutation = useStowageMutation();
  const [failures, setFailures] = useState<ActionFailure[]>([]);
  const toast = useToast();

  const act = async (
    action: ContainerAction | 'remove',
    containers: readonly ContainerSummary[],
    options: { volumes?: boolean } = {},
  ): Promise<void> => {
    if (containers.length === 0) return;
    const slow = isSlow(action) ? action : undefined;
    const ids = containers.map((container) => container.id);
    if (slow) pendingActions.start(ids, slow, Date.now());
    const outcomes = await Promise.all(
      containers.map(async (container) => {
        const outcome = await mutation.run((client) =>
          perform(client, action, container.id, options),
        );
        if (slow) pendingActions.end(container.id, slow);
        return outcome.ok ? undefined : { name: container.name, message: outcome.error.message };
      }),
    );
    const failed = outcomes.filter((outcome): outcome is ActionFailure => outcome !== undefined);
    // Shown as the list of failures below, one per container, rather than as the last one.
    mutation.clear();
    setFailures(failed);
    // The other actions show in the list at once; a removed container just disappears.
    const removed = containers.filter(
      (container) => !failed.some((f) => f.name === container.name),
    );
    const [only] = removed;
    if (action === 'remove' && only) {
      toast.show({
        message:
          removed.length === 1
            ? `Removed container ${only.name}`
            : `Removed ${counted(removed.length, containerNoun)}`,
      });
    }
  };

  return { act, failures, dismiss: () => setFailures([]) };
}
