import { describe, expect, it } from 'vitest';
import { overallPercent, type ProgressPart } from './progress';

const part = (overrides: Partial<ProgressPart>): ProgressPart => ({
  id: 'p',
  label: 'p',
  current: 0,
  state: 'running',
  ...overrides,
});

describe('overall progress', () => {
  it('is unknown until some part knows its total', () => {
    expect(overallPercent([])).toBeUndefined();
    expect(overallPercent([part({ current: 5 })])).toBeUndefined();
  });

  it('weighs parts by their totals and counts finished parts as whole', () => {
    expect(
      overallPercent([part({ current: 50, total: 100 }), part({ current: 0, total: 300 })]),
    ).toBe(13);
    expect(overallPercent([part({ current: 10, total: 100, state: 'done' })])).toBe(100);
    expect(overallPercent([part({ current: 500, total: 100 })])).toBe(100);
    expect(overallPercent([part({ state: 'done' }), part({ current: 0, total: 1 })])).toBe(50);
  });
});
