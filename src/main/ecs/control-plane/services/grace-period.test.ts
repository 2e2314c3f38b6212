import { describe, expect, it } from 'vitest';
import { inHealthCheckGracePeriod } from './grace-period';

describe('the health check grace period', () => {
  const startedAt = 1_000_000;

  it('ignores health for the period after the task started, and no longer', () => {
    expect(inHealthCheckGracePeriod({ startedAt }, 60, startedAt)).toBe(true);
    expect(inHealthCheckGracePeriod({ startedAt }, 60, startedAt + 59_999)).toBe(true);
    expect(inHealthCheckGracePeriod({ startedAt }, 60, startedAt + 60_000)).toBe(false);
  });

  it('covers a task that has not started yet', () => {
    expect(inHealthCheckGracePeriod({}, 60, startedAt)).toBe(true);
  });

  it('ignores nothing without a period, or with 0', () => {
    expect(inHealthCheckGracePeriod({ startedAt }, undefined, startedAt)).toBe(false);
    expect(inHealthCheckGracePeriod({ startedAt }, 0, startedAt)).toBe(false);
    expect(inHealthCheckGracePeriod({}, 0, startedAt)).toBe(false);
  });
});
