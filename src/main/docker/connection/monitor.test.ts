import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DockerEvent, EngineStatus } from '../../../shared';
import { ManualClock } from '../../lib/clock';
import { EngineMonitor, reconnectDelay } from './monitor';

/** A stand-in for dockerode with an engine that can be switched off and on. */
class FakeEngine {
  up = false;
  streams: PassThrough[] = [];

  readonly docker = {
    ping: async () => {
      if (!this.up)
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      return 'OK';
    },
    getEvents: async () => {
      const stream = new PassThrough();
      this.streams.push(stream);
      return stream;
    },
  } as unknown as Docker;

  goDown(): void {
    this.up = false;
    for (const stream of this.streams) stream.destroy();
  }
}

describe('reconnectDelay', () => {
  it('doubles from half a second and stops at five', () => {
    expect([0, 1, 2, 3, 4, 10].map(reconnectDelay)).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });
});

describe('EngineMonitor', () => {
  let engine: FakeEngine;
  let statuses: EngineStatus[];
  let events: DockerEvent[];
  let monitor: EngineMonitor;
  let clock: ManualClock;

  /** Lets pending promises settle, then moves the clock (running timers that fall due). */
  const advance = async (ms: number) => {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    clock.advance(ms);
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  beforeEach(() => {
    clock = new ManualClock(1_000_000);
    engine = new FakeEngine();
    statuses = [];
    events = [];
    monitor = new EngineMonitor({
      docker: engine.docker,
      endpoint: { address: 'unix:///var/run/docker.sock', source: 'default' },
      onStatus: (status) => statuses.push(status),
      onEvent: (event) => events.push(event),
      clock,
    });
  });

  afterEach(() => {
    monitor.stop();
  });

  it('starts as connecting, says when the engine is unreachable and when it retries', async () => {
    expect(monitor.status().state).toBe('connecting');
    monitor.start();
    await advance(0);
    expect(monitor.status()).toMatchObject({
      state: 'unreachable',
      message: expect.stringMatching(/unreachable \(ECONNREFUSED\)/),
      nextAttemptAt: 1_000_500,
    });
  });

  it('recovers by itself when the engine comes back and follows its events', async () => {
    monitor.start();
    await advance(0);
    engine.up = true;
    await advance(500);
    expect(monitor.status().state).toBe('connected');
    engine.streams[0]?.write(
      '{"Type":"image","Action":"delete","Actor":{"ID":"sha256:1"},"time":1}\n',
    );
    await advance(0);
    expect(events).toMatchObject([{ type: 'image', action: 'delete', id: 'sha256:1' }]);
  });

  it('notices a lost event stream, reports it, and restarts the stream on return', async () => {
    engine.up = true;
    monitor.start();
    await advance(0);
    expect(monitor.status().state).toBe('connected');
    engine.goDown();
    await advance(0);
    expect(statuses.map((s) => s.state)).toEqual(['connected', 'connecting', 'unreachable']);
    engine.up = true;
    await advance(500);
    expect(monitor.status().state).toBe('connected');
    expect(engine.streams).toHaveLength(2);
  });

  it('keeps the time the engine went away across failed attempts', async () => {
    monitor.start();
    await advance(0);
    const wentAway = monitor.status().since;
    // Each attempt is scheduled once the previous one has failed: step through them.
    for (const delay of [500, 1000, 2000]) await advance(delay);
    expect(statuses.map((s) => s.state)).toEqual(Array(4).fill('unreachable'));
    expect(monitor.status().since).toBe(wentAway);
  });
});
