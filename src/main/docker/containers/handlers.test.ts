import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { listenerCountingEngine } from '../../../../test/support/listener-counting-engine';
import type { EngineConnection } from '../connection/engine';
import { containerHandlers } from './handlers';

describe('the container list with many running containers', () => {
  it('inspects their start times keeping the call signal under Node’s warning threshold', async () => {
    const running = Array.from({ length: 40 }, (_, index) => ({
      Id: `c${index}`,
      Names: [`/c${index}`],
      Image: 'busybox',
      ImageID: 'sha256:busybox',
      Command: 'sh',
      Created: index,
      State: 'running',
      Status: 'Up 2 minutes',
      Ports: [],
      Labels: {},
      Mounts: [],
    }));
    const engine = listenerCountingEngine(
      () => ({ State: { StartedAt: '2026-01-01T00:00:00Z' } }),
      { listContainers: async () => running },
    );
    const handlers = containerHandlers({ docker: () => engine.docker } as EngineConnection);
    const signal = new AbortController().signal;
    const list = await handlers['containers.list']({}, { signal });
    expect(list).toHaveLength(40);
    expect(list.every((container) => container.startedAt !== undefined)).toBe(true);
    expect(engine.peak()).toBeGreaterThan(0);
    expect(engine.peak()).toBeLessThanOrEqual(10);
    expect(getEventListeners(signal, 'abort')).toEqual([]);
  });
});
