import type { ContainerState, ContainerSummary, DockerEvent } from '../../../shared';

/** The state a container is in once the engine has reported this action. */
const stateAfter: Readonly<Record<string, ContainerState>> = {
  start: 'running',
  restart: 'running',
  unpause: 'running',
  pause: 'paused',
  die: 'exited',
  stop: 'exited',
};

/**
 * Actions after which the list entry is read again. Exec, attach, copy and the like (a health
 * check execs every few seconds) change nothing the list shows.
 */
const rereadActions = new Set([
  ...Object.keys(stateAfter),
  'create',
  'rename',
  'update',
  'oom',
  'kill',
]);

const healthPrefix = 'health_status: ';

/** Whether the list entry of the event's container should be read from the engine again. */
export function needsReread(event: DockerEvent): boolean {
  return (
    event.type === 'container' &&
    /^[a-f0-9]{64}$/.test(event.id) &&
    (rereadActions.has(event.action) || event.action.startsWith(healthPrefix))
  );
}

/** What the list shows of a container the event names, without asking the engine. */
function patched(container: ContainerSummary, event: DockerEvent): ContainerSummary {
  const state = stateAfter[event.action];
  if (state === 'running' && event.action !== 'unpause') {
    return { ...container, state, status: 'Up Less than a second', startedAt: event.time };
  }
  if (state === 'exited') {
    if (container.state === 'exited') return container;
    const code = event.attributes.exitCode ?? '0';
    const stopped = { ...container, state, status: `Exited (${code}) Less than a second ago` };
    delete stopped.startedAt;
    return stopped;
  }
  if (state) return { ...container, state };
  if (event.action === 'rename' && event.attributes.name) {
    return { ...container, name: event.attributes.name.replace(/^\//, '') };
  }
  if (event.action.startsWith(healthPrefix)) {
    const health = event.action.slice(healthPrefix.length);
    if (health === 'healthy' || health === 'unhealthy' || health === 'starting') {
      return { ...container, health };
    }
  }
  return container;
}

/** The states `docker ps` without `--all` lists. */
export const isListedWhenRunningOnly = (state: ContainerState) =>
  state === 'running' || state === 'paused' || state === 'restarting';

/**
 * The list as the event leaves it: a removed container goes, the others' state changes as
 * the action implies. The same array when nothing changed.
 */
export function applyEvent(
  list: readonly ContainerSummary[],
  event: DockerEvent,
  runningOnly: boolean,
): readonly ContainerSummary[] {
  if (event.type !== 'container') return list;
  const index = list.findIndex((container) => container.id === event.id);
  if (index < 0) return list;
  const current = list[index] as ContainerSummary;
  const next = event.action === 'destroy' ? undefined : patched(current, event);
  if (next === current) return list;
  const keep = next !== undefined && (!runningOnly || isListedWhenRunningOnly(next.state));
  return [...list.slice(0, index), ...(keep ? [next] : []), ...list.slice(index + 1)];
}

/**
 * The list with the entries of `ids` replaced by what the engine says now: those it no longer
 * has go, new ones join (newest first, as the engine lists them).
 */
export function mergeReread(
  list: readonly ContainerSummary[],
  ids: ReadonlySet<string>,
  fresh: readonly ContainerSummary[],
  runningOnly: boolean,
): ContainerSummary[] {
  const byId = new Map(
    fresh
      .filter((container) => !runningOnly || isListedWhenRunningOnly(container.state))
      .map((container) => [container.id, container]),
  );
  const merged: ContainerSummary[] = [];
  for (const container of list) {
    if (!ids.has(container.id)) merged.push(container);
    else {
      const now = byId.get(container.id);
      if (now) merged.push(now);
      byId.delete(container.id);
    }
  }
  const added = [...byId.values()].sort((a, b) => b.created - a.created);
  return [...added, ...merged];
}

/** The state the latest event implies, when it implies one. */
export const impliedState = (event: DockerEvent): ContainerState | undefined =>
  stateAfter[event.action];
