import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../shared';
import { ManualClock } from '../../lib/clock';
import { UsageMonitor, type UsageSnapshot, type UsageSource } from './usage';

const sample = (cpuPercent: number): StatsSample => ({
  time: 1,
  cpuPercent,
  memoryUsage: 1_000,
  memoryLimit: 8_000,
  netRx: 0,
  netTx: 0,
  blockRead: 0,
  blockWrite: 0,
  pids: 1,
});

/** An engine whose running containers and readings the test sets. */
function scriptedEngine() {
  const engine = {
    running: ['a', 'b'],
    key: 1,
    lists: 0,
    streams: new Map<string, { onSample(s: StatsSample): void; end(): void }>(),
    opened: [] as string[],
  };
  const source: UsageSource = {
    running: async () => {
      engine.lists++;
      return [...engine.running];
    },
    follow: (id, signal, onSample) =>
      new Promise<void>((resolve) => {
        engine.opened.push(id);
        const end = () => {
          engine.streams.delete(id);
          resolve();
        };
        engine.streams.set(id, { onSample, end });
        signal.addEventListener('abort', end, { once: true });
      }),
    engineKey: () => engine.key,
  };
  return { engine, source };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('container usage readings', () => {
  it('reads only while subscribed, one stream per running container, shared by subscribers', async () => {
    const { engine, source } = scriptedEngine();
    const clock = new ManualClock(0);
    const monitor = new UsageMonitor(source, clock, 1_500);
    const first: UsageSnapshot[] = [];
    const second: UsageSnapshot[] = [];
    const stopFirst = monitor.subscribe((snapshot) => first.push(snapshot));
    const stopSecond = monitor.subscribe((snapshot) => second.push(snapshot));
    await settle();
    expect(engine.opened).toEqual(['a', 'b']);
    engine.streams.get('a')?.onSample(sample(12.5));
    clock.advance(1_500);
    await settle();
    expect(first.at(-1)?.containers).toEqual([
      { id: 'a', cpuPercent: 12.5, memoryUsage: 1_000, memoryLimit: 8_000 },
    ]);
    expect(second.at(-1)).toEqual(first.at(-1));
    const late: UsageSnapshot[] = [];
    const stopLate = monitor.subscribe((snapshot) => late.push(snapshot));
    expect(late).toEqual([first.at(-1)]);
    stopLate();
    stopFirst();
    expect(monitor.openStreams).toBe(2);
    stopSecond();
    expect(monitor.openStreams).toBe(0);
    expect(engine.streams.size).toBe(0);
    const lists = engine.lists;
    clock.advance(10_000);
    await settle();
    expect(engine.lists).toBe(lists);
  });

  it('follows containers that come and go, and reopens everything on another engine', async () => {
    const { engine, source } = scriptedEngine();
    const clock = new ManualClock(0);
    const monitor = new UsageMonitor(source, clock, 1_000);
    const seen: UsageSnapshot[] = [];
    const stop = monitor.subscribe((snapshot) => seen.push(snapshot));
    await settle();
    engine.streams.get('b')?.onSample(sample(3));
    engine.running = ['b', 'c'];
    clock.advance(1_000);
    await settle();
    expect([...engine.streams.keys()].sort()).toEqual(['b', 'c']);
    expect(seen.at(-1)?.containers.map((usage) => usage.id)).toEqual(['b']);

    // A stream the engine ends is opened again while the container still runs.
    engine.streams.get('c')?.end();
    await settle();
    clock.advance(1_000);
    await settle();
    expect(engine.opened.filter((id) => id === 'c')).toHaveLength(2);

    engine.key = 2;
    clock.advance(1_000);
    await settle();
    expect(engine.opened.slice(-2).sort()).toEqual(['b', 'c']);
    expect(seen.at(-1)?.containers).toEqual([]);
    stop();
  });

  it('keeps the last readings when the engine does not answer a listing', async () => {
    const { engine, source } = scriptedEngine();
    const clock = new ManualClock(0);
    let failing = false;
    const monitor = new UsageMonitor(
      {
        ...source,
        running: (signal) =>
          failing ? Promise.reject(new Error('engine gone')) : source.running(signal),
      },
      clock,
      1_000,
    );
    const seen: UsageSnapshot[] = [];
    const stop = monitor.subscribe((snapshot) => seen.push(snapshot));
    await settle();
    engine.streams.get('a')?.onSample(sample(50));
    failing = true;
    clock.advance(1_000);
    await settle();
    expect(seen.at(-1)?.containers.map((usage) => usage.cpuPercent)).toEqual([50]);
    stop();
  });
});
