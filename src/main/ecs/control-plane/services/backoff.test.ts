import { describe, expect, it } from 'vitest';
import { defaultBackoffPolicy, noBackoff, updateBackoff, type BackoffState } from './backoff';
import { primaryId, task } from './test-support';
import type { TaskStopNotice } from './types';

const failed = (): TaskStopNotice => ({
  taskArn: task().taskArn,
  deploymentId: primaryId,
  reachedRunning: false,
  failedHealthChecks: false,
  stoppedAt: 0,
});

describe('back-off of a service whose tasks keep failing to start', () => {
  it('waits longer after each failure beyond the third, up to the maximum, and says so once', () => {
    let state: BackoffState = noBackoff;
    const delays: (number | undefined)[] = [];
    const messages: string[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const now = attempt * 1_000_000;
      const result = updateBackoff(state, 'web', [failed()], [], primaryId, now);
      state = result.state;
      messages.push(...result.messages);
      delays.push(state.startsNotBefore === undefined ? undefined : state.startsNotBefore - now);
    }
    expect(delays.slice(0, 6)).toEqual([undefined, undefined, 10_000, 20_000, 40_000, 80_000]);
    expect(delays[11]).toBe(defaultBackoffPolicy.maxDelayMs);
    expect(messages).toEqual(['(service web) is unable to consistently start tasks successfully.']);
  });

  it('ends when a task reaches RUNNING', () => {
    const backingOff: BackoffState = { consecutiveFailures: 6, startsNotBefore: 99_000 };
    expect(updateBackoff(backingOff, 'web', [], [task()], primaryId, 0).state).toEqual(noBackoff);
  });

  it('goes on while only an older deployment runs tasks', () => {
    const backingOff: BackoffState = { consecutiveFailures: 3, startsNotBefore: 99_000 };
    const olderTask = task({ deploymentId: 'ecs-svc/1000000000000000000' });
    const result = updateBackoff(backingOff, 'web', [failed()], [olderTask], primaryId, 0);
    expect(result.state.consecutiveFailures).toBe(4);
  });

  it('ignores tasks that ran before they stopped', () => {
    const result = updateBackoff(
      noBackoff,
      'web',
      [{ ...failed(), reachedRunning: true }],
      [],
      primaryId,
      0,
    );
    expect(result.state).toBe(noBackoff);
  });
});
