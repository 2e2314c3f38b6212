/**
 * Engine requests in flight on one AbortSignal at a time. Each holds one or two 'abort'
 * listeners on it (the request's and, once it answers, its response's) and Node warns past
 * ten on one signal (`MaxListenersExceededWarning`), so a call that fans out requests under
 * its signal runs at most this many at once.
 */
export const requestsPerSignal = 4;

/** `work` on every item, at most `limit` at once; the results in the items' order. */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
