export interface WaitForOptions {
  /** What is awaited, in words (or how to say it with what was last seen); the failure names it. */
  what: string | (() => string);
  /** How long the condition may take to hold before the wait fails. */
  timeoutMs: number;
  /** The pause between two looks at the condition. */
  pollMs?: number;
}

/**
 * Looks at `condition` until it gives a truthy value, and answers that value; fails naming
 * `what` once `timeoutMs` has passed without one. A condition that throws counts as not yet
 * holding, and its last error becomes the failure's cause. A test waits for what it needs,
 * never for a fixed time.
 */
export async function waitFor<T>(
  condition: () => T | false | undefined | Promise<T | false | undefined>,
  { what, timeoutMs, pollMs = 50 }: WaitForOptions,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let lastError: unknown;
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const awaited = typeof what === 'string' ? what : what();
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${awaited}`, {
        cause: lastError,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * Resolves once every promise reaction queued so far, and those they queue, has run: what a
 * test awaits before asserting that something has NOT happened yet.
 */
export function settled(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
