import { describe, expect, it } from 'vitest';
import { scriptedHealth } from './simulated-health';

describe('scripted health of the simulated runtime', () => {
  it('a check that always passes is healthy at the first check', () => {
    expect(scriptedHealth({ command: ['CMD-SHELL', 'exit 0'], interval: 5 })).toEqual({
      healthStatus: 'HEALTHY',
      afterMs: 5_000,
    });
    expect(scriptedHealth({ command: ['CMD', 'true'] })).toEqual({
      healthStatus: 'HEALTHY',
      afterMs: 30_000,
    });
  });

  it('a check that always fails is unhealthy at the retries-th failure counted after the start period', () => {
    expect(scriptedHealth({ command: ['CMD-SHELL', 'exit 1'], interval: 5, retries: 2 })).toEqual({
      healthStatus: 'UNHEALTHY',
      afterMs: 10_000,
    });
    // Checks at 5, 10, 15 s fall inside the 15 s start period but the one at 15 s; 15 and 20 count.
    expect(
      scriptedHealth({
        command: ['CMD-SHELL', 'exit 3'],
        interval: 5,
        retries: 2,
        startPeriod: 15,
      }),
    ).toEqual({ healthStatus: 'UNHEALTHY', afterMs: 20_000 });
    // ECS's defaults: interval 30 s, retries 3.
    expect(scriptedHealth({ command: ['CMD', 'false'] })).toEqual({
      healthStatus: 'UNHEALTHY',
      afterMs: 90_000,
    });
  });

  it('any other command is healthy at the first check after the start period', () => {
    const check = { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], interval: 10 };
    expect(scriptedHealth(check)).toEqual({ healthStatus: 'HEALTHY', afterMs: 10_000 });
    expect(scriptedHealth({ ...check, startPeriod: 25 })).toEqual({
      healthStatus: 'HEALTHY',
      afterMs: 30_000,
    });
  });

  it('no check, no health', () => {
    expect(scriptedHealth(undefined)).toBeUndefined();
    expect(scriptedHealth({ command: [] })).toBeUndefined();
  });
});
