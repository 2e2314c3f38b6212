import { useEffect } from 'react';
import { useStowageClient } from '../../api';

const settleDelayMs = 600;
const stateChanges = new Set(['start', 'die', 'kill', 'stop', 'pause', 'unpause', 'restart']);

/**
 * The cache rules refetch the list as soon as a container event arrives; when the engine says
 * a container died before its own list says so, that answer is stale. One more read once the
 * burst has settled brings the list in line.
 */
export function useSettleRefetch(refetch: () => unknown): void {
  const client = useStowageClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = client.subscribe('engine.event', (event) => {
      if (event.type !== 'container' || !stateChanges.has(event.action)) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void refetch(), settleDelayMs);
    });
    return () => {
      stop();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client, refetch]);
}
