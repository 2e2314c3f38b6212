import type { ECSServiceException } from '@aws-sdk/client-ecs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { expect } from 'vitest';
import { startEcsEndpoint, type EcsEndpoint } from '../../src/main/ecs/endpoint/server';
import { EcsControlPlane } from '../../src/main/ecs/control-plane/core/control-plane';
import { SimulatedRuntime } from '../../src/main/ecs/runtime/simulated';
import { ManualClock } from '../../src/main/lib/clock';

export const account = '000000000000';
export const arnPrefix = `arn:aws:ecs:us-east-1:${account}:`;

export interface Harness {
  client: ECSClient;
  clock: ManualClock;
  endpoint: EcsEndpoint;
  /** Moves simulated time on in the background while `work` runs (for the SDK's waiters). */
  whileTimeRuns<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The real control plane with the simulated runtime behind the real endpoint on a free
 * loopback port, and the real SDK client in front: what a user of `stowage ecs` gets.
 */
export async function startHarness(): Promise<Harness> {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const runtime = new SimulatedRuntime({ clock });
  const controlPlane = new EcsControlPlane({ clock, runtime, freezeRecords: true });
  const unexpected: unknown[] = [];
  const endpoint = await startEcsEndpoint({
    controlPlane,
    onUnexpectedError: (_operation, error) => unexpected.push(error),
  });
  const client = new ECSClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  return {
    client,
    clock,
    endpoint,
    async whileTimeRuns(work) {
      const ticker = setInterval(() => clock.advance(1000), 20);
      try {
        return await work();
      } finally {
        clearInterval(ticker);
      }
    },
    async close() {
      client.destroy();
      await endpoint.close();
      expect(unexpected, 'exceptions that reached clients as ServerException').toEqual([]);
    },
  };
}

/** The error `promise` rejects with, checked to be the SDK's class with AWS's wording. */
export async function rejection<T extends ECSServiceException>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => T,
  message?: string | RegExp,
): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(type);
  const failure = error as T;
  expect(failure.$metadata.httpStatusCode).toBe(failure.name === 'ServerException' ? 500 : 400);
  if (message !== undefined) expect(failure.message).toMatch(message);
  return failure;
}

/** An exact message, for `rejection`. */
export const exactly = (text: string) =>
  new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
