import { useSyncExternalStore } from 'react';

/** The slow actions whose wait is shown on the container itself ("stopping… 4 s"). */
export type SlowAction = 'stop' | 'restart' | 'kill' | 'remove';

export interface PendingAction {
  action: SlowAction;
  /** Epoch milliseconds when it was asked for. */
  since: number;
}

export type PendingById = ReadonlyMap<string, PendingAction>;

/**
 * The actions asked of containers that the engine has not finished: the list and the detail
 * follow the engine's state, which stays "running" for the whole stop timeout of a container
 * that ignores SIGTERM, so what was asked is kept here until the engine answers.
 */
export class PendingActions {
  private current: PendingById = new Map();
  private readonly listeners = new Set<() => void>();

  start(ids: readonly string[], action: SlowAction, now: number): void {
    const next = new Map(this.current);
    for (const id of ids) next.set(id, { action, since: now });
    this.replace(next);
  }

  /** Ends `action` on `id`; a newer action asked of it meanwhile stays. */
  end(id: string, action: SlowAction): void {
    if (this.current.get(id)?.action !== action) return;
    const next = new Map(this.current);
    next.delete(id);
    this.replace(next);
  }

  readonly snapshot = (): PendingById => this.current;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private replace(next: PendingById): void {
    this.current = next;
    for (const listener of this.listeners) listener();
  }
}

export const pendingActions = new PendingActions();

export function usePendingActions(): PendingById {
  return useSyncExternalStore(pendingActions.subscribe, pendingActions.snapshot);
}

const pendingWords: Record<SlowAction, string> = {
  stop: 'stopping…',
  restart: 'restarting…',
  kill: 'killing…',
  remove: 'removing…',
};

/** "stopping…", or "stopping… 4 s" once it has taken a second or more. */
export function pendingLabel(pending: PendingAction, now: number): string {
  const seconds = Math.floor((now - pending.since) / 1000);
  return seconds >= 1
    ? `${pendingWords[pending.action]} ${seconds} s`
    : pendingWords[pending.action];
}

/** Why a stop can take a while, said while it does. */
export const stopTimeoutNote =
  'The engine sent SIGTERM; a container that ignores it is killed (SIGKILL, exit code 137) after its stop timeout, 10 s unless set otherwise.';
