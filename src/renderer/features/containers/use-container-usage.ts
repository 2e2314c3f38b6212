import { useEffect, useMemo } from 'react';
import type { ContainerUsage } from '../../../shared';
import { useStowageStream } from '../../api';
import { noUsage, type UsageById } from './container-rows';

const retryMs = 5_000;

/**
 * The latest CPU and memory of every running container, from one stream for the whole list
 * (main reads the engine's stats only while it is open). Off while nothing runs; a stream the
 * engine broke is opened again a few seconds later.
 */
export function useContainerUsage(anyRunning: boolean): UsageById {
  const usage = useStowageStream('containers.usage', {}, { enabled: anyRunning, maxItems: 1 });
  const { status, restart } = usage;
  useEffect(() => {
    if (status !== 'error' && status !== 'done') return;
    const timer = setTimeout(restart, retryMs);
    return () => clearTimeout(timer);
  }, [status, restart]);
  const latest = usage.items.at(-1);
  return useMemo(
    () =>
      latest
        ? new Map(latest.containers.map((entry): [string, ContainerUsage] => [entry.id, entry]))
        : noUsage,
    [latest],
  );
}
