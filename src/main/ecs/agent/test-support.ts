import { ManualClock } from '../../lib/clock';
import type { RandomBytes } from './credentials';

/** Deterministic bytes: a counter-driven sequence, so every id and key differs and repeats per run. */
export function seededBytes(seed = 1): RandomBytes {
  let state = seed;
  return (size) => {
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      bytes[i] = state >> 16;
    }
    return bytes;
  };
}

export const taskRole = 'arn:aws:iam::123456789012:role/app/orders-reader';
export const executionRole = 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole';

export function startClock(): ManualClock {
  return new ManualClock(Date.UTC(2026, 0, 1));
}
