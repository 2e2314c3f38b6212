export interface WaitForOptions {
  /** What is awaited, in words; the failure message names it. */
  what: string;
  /** How long the condition may take to hold before the wait fails. */
  timeoutMs: number;
  /** The pause between two looks at the condition. */
  pollMs?: number;
}

/**
 * Looks at `condition` until it holds, and fails naming `what` once `timeoutMs` has passed
 * without it: a test waits for what it needs, never for a fixed time. The last error the
 * condition threw, if any, is kept as the failure's cause.
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { what, timeoutMs, pollMs = 25 }: WaitForOptions,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await condition()) return;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`, {
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
