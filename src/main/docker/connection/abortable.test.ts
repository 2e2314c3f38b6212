import { describe, expect, it } from 'vitest';
import { openedUnlessAborted } from './abortable';

function opening() {
  let open!: (stream: { destroyed: boolean; destroy(): void }) => void;
  const promise = new Promise<{ destroyed: boolean; destroy(): void }>(
    (resolve) => (open = resolve),
  );
  const stream = {
    destroyed: false,
    destroy() {
      this.destroyed = true;
    },
  };
  return { promise, open: () => open(stream), stream };
}

describe('opening a stream that may be cancelled', () => {
  it('resolves with the stream when it opens first', async () => {
    const pending = opening();
    const opened = openedUnlessAborted(pending.promise, new AbortController().signal);
    pending.open();
    expect(await opened).toBe(pending.stream);
  });

  it('rejects CANCELLED at once on abort, even if the engine never answers', async () => {
    const pending = opening();
    const controller = new AbortController();
    const opened = openedUnlessAborted(pending.promise, controller.signal);
    controller.abort();
    await expect(opened).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('destroys a stream that opens after the cancel, or was cancelled before', async () => {
    const late = opening();
    const controller = new AbortController();
    const opened = openedUnlessAborted(late.promise, controller.signal);
    controller.abort();
    late.open();
    await expect(opened).rejects.toMatchObject({ code: 'CANCELLED' });
    await Promise.resolve();
    expect(late.stream.destroyed).toBe(true);

    const early = opening();
    const aborted = AbortSignal.abort();
    await expect(openedUnlessAborted(early.promise, aborted)).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    early.open();
    await new Promise((resolve) => setImmediate(resolve));
    expect(early.stream.destroyed).toBe(true);
  });
});
