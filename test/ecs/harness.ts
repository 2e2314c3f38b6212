import type { ECSServiceException } from '@aws-sdk/client-ecs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { expect } from 'vitest';
import { startEcsEndpoint, type EcsEndpoint } from '../../src/main/ecs/endpoint/server';
import { EcsControlPlane } from '../../src/main/ecs/control-plane/core/control-plane';
import { SimulatedRuntime } from '../../src/main/ecs/runtime/simulated';
import { ManualClock } from '../../src/main/lib/clock';

export const account = '000000000000';
export const arnPrefix = `arn:aws:ecs:us-east-1:${account}:`;
const simulatedStepMs = 1_000;

export interface Harness {
  client: ECSClient;
  clock: ManualClock;
  endpoint: EcsEndpoint;
  controlPlane: EcsControlPlane;
  /**
   * Moves simulated time on a second at a time until `condition` holds, asking it again after
   * every step; fails naming `what` if it still does not hold after `withinMs` of simulated time.
   */
  advanceUntil(
    condition: () => Promise<boolean>,
    options: { what: string; withinMs: number },
  ): Promise<void>;
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
    controlPlane,
    async advanceUntil(condition, { what, withinMs }) {
      for (let advancedMs = 0; !(await condition()); advancedMs += simulatedStepMs) {
        if (advancedMs >= withinMs) {
          throw new Error(`${what} did not happen within ${withinMs} ms of simulated time`);
        }
        clock.advance(simulatedStepMs);
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
