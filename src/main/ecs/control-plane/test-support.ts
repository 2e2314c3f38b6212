import { ManualClock } from '../../lib/clock';
import { SimulatedRuntime } from '../runtime/simulated';
import { EcsControlPlane, type EcsControlPlaneOptions } from './core/control-plane';
import { EcsApiError, type ApiErrorType } from './core/ecs-api-error';
import { seededRandom } from './core/ids';
import type { EcsChange } from './core/state';

export const start = Date.UTC(2026, 0, 1);
export const prefix = 'arn:aws:ecs:us-east-1:000000000000:';

/**
 * A control plane on a manual clock with the simulated runtime, recording every change, its
 * records frozen as they are committed (a change made in place throws).
 */
export function createPlane(options: Partial<EcsControlPlaneOptions> = {}) {
  const clock = new ManualClock(start);
  const runtime = new SimulatedRuntime({ clock });
  const journal: EcsChange[] = [];
  const plane = new EcsControlPlane({
    clock,
    runtime,
    random: seededRandom(7),
    freezeRecords: true,
    persist: async (changes) => {
      journal.push(...structuredClone(changes));
    },
    ...options,
  });
  /** Moves simulated time on in steps, letting each reconcile pass finish. */
  async function run(ms: number, step = 100): Promise<void> {
    for (let elapsed = 0; elapsed < ms; elapsed += step) {
      clock.advance(Math.min(step, ms - elapsed));
      await plane.tick();
    }
  }
  return { plane, clock, runtime, journal, run };
}

/** The EcsApiError `promise` rejects with, checked for its type and message. */
export async function apiError(
  promise: Promise<unknown>,
  type: ApiErrorType,
  message?: string | RegExp,
): Promise<EcsApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof EcsApiError)) {
    throw new Error(`expected ${type}, got ${error === undefined ? 'success' : String(error)}`);
  }
  if (error.type !== type) throw new Error(`expected ${type}, got ${error.type}: ${error.message}`);
  if (typeof message === 'string' && error.message !== message) {
    throw new Error(`expected message "${message}", got "${error.message}"`);
  }
  if (message instanceof RegExp && !message.test(error.message)) {
    throw new Error(`expected message matching ${String(message)}, got "${error.message}"`);
  }
  return error;
}

export const web = {
  family: 'web',
  containerDefinitions: [
    { name: 'app', image: 'nginx', memory: 512, cpu: 256, portMappings: [{ containerPort: 80 }] },
  ],
};
