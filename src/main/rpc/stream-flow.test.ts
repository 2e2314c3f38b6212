import { describe, expect, it } from 'vitest';
import { streamWindow } from '../../shared';
import { StreamFlow } from './stream-flow';

interface Progress {
  layer: string;
  done: number;
}

function flow(coalesce = false) {
  const delivered: unknown[] = [];
  const byLayer = (item: Progress) => item.layer;
  const stream = new StreamFlow(
    (item) => delivered.push(item),
    coalesce ? (byLayer as (item: never) => string) : undefined,
    4,
  );
  return { stream, delivered };
}

describe('stream flow control', () => {
  it('delivers at once within the window and holds the producer beyond it', async () => {
    const { stream, delivered } = flow();
    for (let i = 0; i < streamWindow; i++) await stream.emit(i);
    let released = false;
    const next = stream.emit('over').then(() => (released = true));
    await Promise.resolve();
    expect(delivered).toHaveLength(streamWindow);
    expect(released).toBe(false);
    stream.grant(1);
    await next;
    expect(delivered.at(-1)).toBe('over');
  });

  it('coalesces items with the same key while the client lags, keeping the latest', async () => {
    const { stream, delivered } = flow(true);
    for (let i = 0; i < streamWindow; i++) await stream.emit({ layer: 'x', done: i });
    for (let done = 0; done < 1000; done++) {
      await stream.emit({ layer: 'a', done });
      await stream.emit({ layer: 'b', done });
    }
    expect(delivered).toHaveLength(streamWindow);
    stream.grant(streamWindow);
    expect(delivered.slice(streamWindow)).toEqual([
      { layer: 'a', done: 999 },
      { layer: 'b', done: 999 },
    ]);
  });

  it('holds the end until the waiting items are out, and cancels waiting producers', async () => {
    const { stream, delivered } = flow(true);
    for (let i = 0; i < streamWindow; i++) await stream.emit({ layer: `l${i}`, done: i });
    await stream.emit({ layer: 'last', done: 1 });
    let ended = false;
    stream.end(() => (ended = true), { result: {} });
    expect(ended).toBe(false);
    stream.grant(1);
    expect(ended).toBe(true);
    expect(delivered.at(-1)).toEqual({ layer: 'last', done: 1 });

    const other = flow();
    for (let i = 0; i < streamWindow; i++) await other.stream.emit(i);
    const waiting = other.stream.emit('blocked');
    other.stream.cancel();
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(other.stream.emit('after')).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('bounds the coalesced keys: beyond the cap a new key waits like any item', async () => {
    const { stream } = flow(true);
    for (let i = 0; i < streamWindow; i++) await stream.emit({ layer: `w${i}`, done: 0 });
    for (let i = 0; i < 4; i++) await stream.emit({ layer: `k${i}`, done: 0 });
    let released = false;
    void stream.emit({ layer: 'k4', done: 0 }).then(() => (released = true));
    await Promise.resolve();
    expect(released).toBe(false);
  });
});
