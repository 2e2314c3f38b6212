import { StowageError } from '../../../shared';

/**
 * Waits for a stream the engine is opening, but no longer than the caller wants it: docker-
 * modem does not always settle an opening request that is aborted, so a cancel must not
 * depend on it. A stream that opens after the cancel is destroyed at once.
 */
export function openedUnlessAborted<T extends { destroy(): void }>(
  opening: Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      reject(new StowageError('CANCELLED', 'Cancelled while the engine was opening the stream.'));
      opening.then(
        (stream) => stream.destroy(),
        () => undefined,
      );
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    opening.then(
      (stream) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) stream.destroy();
        else resolve(stream);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
