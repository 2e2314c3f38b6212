import { describe, expect, it } from 'vitest';
import type { ContainerState, ContainerSummary } from '../../../shared';
import { createRereadBatcher } from './reread-batcher';

const summary = (id: string, state: ContainerState) => ({ id, state }) as ContainerSummary;

/** Timers run by hand, and the engine's answers queued by the test. */
function harness(answers: ContainerSummary[][]) {
  const timers: (() => void)[] = [];
  const reads: string[][] = [];
  const seen: string[][] = [];
  const batcher = createRereadBatcher({
    gatherMs: 25,
    read: async (ids) => {
      reads.push(ids);
      const answer = answers.shift();
      if (!answer) throw new Error('engine gone');
      return answer;
    },
    onRead: (ids) => seen.push([...ids]),
    maxRetries: 2,
    setTimer: (run) => timers.push(run),
    clearTimer: () => undefined,
  });
  const tick = async () => {
    timers.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { batcher, timers, reads, seen, tick };
}

describe('rereads of the containers events named', () => {
  it('reads a burst in one call, and the ids of events during a read in the next', async () => {
    const { batcher, timers, reads, tick } = harness([
      [summary('a', 'exited'), summary('b', 'running')],
      [summary('c', 'running')],
    ]);
    batcher.add('a', 'exited');
    batcher.add('b', undefined);
    batcher.add('a', 'exited');
    expect(timers).toHaveLength(1);
    timers.shift()?.();
    batcher.add('c', 'running');
    expect(timers).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await tick();
    expect(reads).toEqual([['a', 'b'], ['c']]);
  });

  it('reads again a container whose answer still shows the state before its event, a few times', async () => {
    const stale = [summary('a', 'running')];
    const { batcher, reads, tick } = harness([stale, stale, stale, stale]);
    batcher.add('a', 'exited');
    for (let step = 0; step < 5; step++) await tick();
    expect(reads).toEqual([['a'], ['a'], ['a']]);
  });

  it('survives an engine that does not answer, and reads nothing after dispose', async () => {
    const { batcher, reads, seen, timers, tick } = harness([]);
    batcher.add('a', 'exited');
    await tick();
    expect(reads).toEqual([['a']]);
    expect(seen).toEqual([]);
    batcher.dispose();
    batcher.add('b', undefined);
    expect(timers).toHaveLength(0);
  });
});
