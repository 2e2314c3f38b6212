import type { ContainerState, ContainerSummary } from '../../../shared';

export interface RereadBatcherOptions {
  /** How long ids gather before one read: a burst of events costs one call. */
  gatherMs: number;
  read(ids: string[]): Promise<readonly ContainerSummary[]>;
  /** What the engine says now of the ids read (those it lacks are gone). */
  onRead(ids: ReadonlySet<string>, fresh: readonly ContainerSummary[]): void;
  /** Times a container whose answer contradicts its latest event is read again. */
  maxRetries?: number;
  setTimer?(run: () => void, ms: number): unknown;
  clearTimer?(timer: unknown): void;
}

/**
 * Reads again the list entries of the containers events named: ids gather for `gatherMs`
 * from the first (a burst is never put off by the next event), one read at a time, the ids
 * of events meanwhile in the next. An answer that still shows the state before the event is
 * read again, a few times at most.
 */
export function createRereadBatcher(options: RereadBatcherOptions) {
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer =
    options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const maxRetries = options.maxRetries ?? 3;
  const waiting = new Set<string>();
  const expected = new Map<string, { state: ContainerState; retries: number }>();
  let timer: unknown;
  let reading = false;
  let disposed = false;

  const schedule = () => {
    if (timer !== undefined || reading || disposed || waiting.size === 0) return;
    timer = setTimer(() => void flush(), options.gatherMs);
  };

  async function flush(): Promise<void> {
    timer = undefined;
    const ids = new Set(waiting);
    waiting.clear();
    reading = true;
    try {
      const fresh = await options.read([...ids]);
      if (disposed) return;
      options.onRead(ids, fresh);
      for (const container of fresh) {
        const wanted = expected.get(container.id);
        if (!wanted) continue;
        if (wanted.state === container.state || wanted.retries >= maxRetries) {
          expected.delete(container.id);
        } else {
          wanted.retries++;
          waiting.add(container.id);
        }
      }
      for (const id of ids) if (!fresh.some((c) => c.id === id)) expected.delete(id);
    } catch {
      // The engine did not answer: the next event, or the next full read, brings it in line.
      for (const id of ids) expected.delete(id);
    } finally {
      reading = false;
      schedule();
    }
  }

  return {
    /** The container changed; `state` is what its event implies, when it implies one. */
    add(id: string, state: ContainerState | undefined): void {
      if (state) expected.set(id, { state, retries: 0 });
      else expected.delete(id);
      waiting.add(id);
      schedule();
    },
    dispose(): void {
      disposed = true;
      if (timer !== undefined) clearTimer(timer);
    },
  };
}
