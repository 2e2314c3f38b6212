import type Docker from 'dockerode';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { diskUsageDeadlineMs, fetchDiskUsage } from './api';

/** An engine whose disk usage answer comes when the test says, or never. */
function slowEngine() {
  const requests: { path: string; signal: AbortSignal; answer(data: unknown): void }[] = [];
  const docker = {
    modem: {
      dial(
        options: { path: string; abortSignal: AbortSignal },
        done: (e: unknown, d: unknown) => void,
      ) {
        requests.push({
          path: options.path,
          signal: options.abortSignal,
          answer: (data) => done(null, data),
        });
      },
    },
  } as unknown as Docker;
  return { docker, requests };
}

describe('volume sizes from the disk usage', () => {
  afterEach(() => vi.useRealTimers());

  it('asks for volumes only and passes the answer on', async () => {
    const { docker, requests } = slowEngine();
    const usage = fetchDiskUsage(docker, new AbortController().signal);
    requests[0]?.answer({ Volumes: [{ Name: 'v', UsageData: { Size: 3, RefCount: 0 } }] });
    expect(await usage).toEqual({ Volumes: [{ Name: 'v', UsageData: { Size: 3, RefCount: 0 } }] });
    expect(requests[0]?.path).toBe('/system/df?');
  });

  it('goes without sizes past the deadline and abandons the request', async () => {
    vi.useFakeTimers();
    const { docker, requests } = slowEngine();
    const usage = fetchDiskUsage(docker, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(diskUsageDeadlineMs);
    expect(await usage).toEqual({ Volumes: [] });
    expect(requests[0]?.signal.aborted).toBe(true);
  });
});
