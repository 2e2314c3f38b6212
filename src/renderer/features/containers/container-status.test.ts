import { describe, expect, it } from 'vitest';
import { readableStatus } from './container-status';

describe('readableStatus', () => {
  it.each([
    [
      'Exited (137) Less than a second ago',
      'Exited (137: killed after the stop timeout) less than a second ago',
    ],
    ['Exited (0) About an hour ago', 'Exited (0) about an hour ago'],
    ['Exited (143) 3 minutes ago', 'Exited (143: stopped by SIGTERM) 3 minutes ago'],
    ['Up Less than a second', 'Up less than a second'],
    ['Up 2 hours (healthy)', 'Up 2 hours (healthy)'],
    ['Up About a minute (Paused)', 'Up about a minute (Paused)'],
    ['Created', 'Created'],
  ])('%s reads as %s', (status, readable) => {
    expect(readableStatus(status)).toBe(readable);
  });
});
