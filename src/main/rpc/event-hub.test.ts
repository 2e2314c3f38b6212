import { describe, expect, it, vi } from 'vitest';
import type { AnyEvent } from '../../shared';
import { sampleDockerEvent, sampleEngineStatus } from '../../../test/support/samples';
import { EventHub } from './event-hub';

describe('event hub', () => {
  it('replays the latest value of sticky events to each new subscriber, and only those', () => {
    const hub = new EventHub();
    hub.emit('engine.status', sampleEngineStatus({ state: 'connecting' }));
    hub.emit('engine.status', sampleEngineStatus({ state: 'connected' }));
    hub.emit('engine.event', sampleDockerEvent());
    const received: AnyEvent[] = [];
    hub.subscribe((event) => received.push(event));
    expect(received).toEqual([
      { name: 'engine.status', payload: sampleEngineStatus({ state: 'connected' }) },
    ]);
  });

  it('delivers live events until unsubscribed', () => {
    const hub = new EventHub();
    const received: AnyEvent[] = [];
    const unsubscribe = hub.subscribe((event) => received.push(event));
    hub.emit('engine.event', sampleDockerEvent());
    unsubscribe();
    hub.emit('engine.event', sampleDockerEvent());
    expect(received).toHaveLength(1);
  });

  it('delivers to every subscriber past one that throws, and logs the failure', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const hub = new EventHub();
      const received: string[] = [];
      hub.subscribe(() => {
        throw new Error('subscriber broke');
      });
      hub.subscribe(() => received.push('second'));
      hub.emit('engine.event', sampleDockerEvent());
      expect(received).toEqual(['second']);
      expect(log).toHaveBeenCalledTimes(1);
    } finally {
      log.mockRestore();
    }
  });

  it('lets a listener unsubscribe while an event is being delivered', () => {
    const hub = new EventHub();
    const received: string[] = [];
    const first = hub.subscribe(() => {
      received.push('first');
      first();
    });
    hub.subscribe(() => received.push('second'));
    hub.emit('engine.event', sampleDockerEvent());
    hub.emit('engine.event', sampleDockerEvent());
    expect(received).toEqual(['first', 'second', 'second']);
  });
});
