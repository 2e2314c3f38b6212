import { describe, expect, it } from 'vitest';
import type { TourStepResult } from '../../shared';
import {
  emptyTourState,
  failStep,
  finishStep,
  forgetCreated,
  forgetStep,
  recordCreated,
  settleInterrupted,
  startStep,
  tourStatus,
} from './state';

const container = { kind: 'container', id: 'c1', name: 'stowage-tour-kernel-1' } as const;
const steps = [
  { id: 'kernel', title: 'Kernel', needs: ['A Docker engine'] },
  { id: 'layers', title: 'Layers', needs: [] },
] as const;
const kernelResult: TourStepResult = {
  step: 'kernel',
  hostKernel: '6.1.0',
  containers: [],
  startMs: [],
  containerMemoryBytes: 1,
  hostMemoryBytes: 10,
  fitEstimate: 10,
};

describe('the tour’s progress', () => {
  it('lists every step, not started, before anything runs', () => {
    const status = tourStatus(emptyTourState(), steps, undefined);
    expect(status.steps.map((step) => [step.id, step.state])).toEqual([
      ['kernel', 'not-started'],
      ['layers', 'not-started'],
    ]);
    expect(status.notice).toBeUndefined();
  });

  it('goes running → done with the result and keeps what was made', () => {
    let state = startStep(emptyTourState(), 'kernel');
    state = recordCreated(state, 'kernel', container);
    state = recordCreated(state, 'kernel', container);
    state = finishStep(state, 'kernel', kernelResult, 'Same kernel.', 42);
    const [kernel] = tourStatus(state, steps, undefined).steps;
    expect(kernel).toMatchObject({
      state: 'done',
      created: [container],
      message: 'Same kernel.',
      finishedAt: 42,
      result: kernelResult,
    });
  });

  it('refuses a second step while one runs', () => {
    const state = startStep(emptyTourState(), 'kernel');
    expect(() => startStep(state, 'layers')).toThrow(/still running/);
  });

  it('a failure keeps what was made, so a reset still removes it, and drops an old result', () => {
    let state = finishStep(startStep(emptyTourState(), 'kernel'), 'kernel', kernelResult, 'ok', 1);
    state = recordCreated(startStep(state, 'kernel'), 'kernel', container);
    state = failStep(state, 'kernel', 'No engine.', 2);
    expect(state.steps.kernel).toEqual({
      state: 'failed',
      created: [container],
      message: 'No engine.',
      finishedAt: 2,
    });
  });

  it('a step left running when the app stopped is failed on load', () => {
    const state = settleInterrupted(
      recordCreated(startStep(emptyTourState(), 'layers'), 'layers', container),
      7,
    );
    expect(state.steps.layers).toMatchObject({ state: 'failed', created: [container] });
    expect(startStep(state, 'kernel').steps.kernel?.state).toBe('running');
  });

  it('forgetting a step leaves the others', () => {
    let state = finishStep(startStep(emptyTourState(), 'kernel'), 'kernel', kernelResult, 'ok', 1);
    state = failStep(startStep(state, 'layers'), 'layers', 'no', 2);
    state = forgetStep(state, 'layers');
    expect(Object.keys(state.steps)).toEqual(['kernel']);
  });

  it('drops from a step’s record only the resources that are gone', () => {
    const cluster = { kind: 'ecs-cluster', id: 'arn:cluster/x', name: 'stowage-tour-x' } as const;
    const sameIdOtherKind = { ...cluster, kind: 'target-group' } as const;
    let state = startStep(emptyTourState(), 'kernel');
    for (const resource of [container, cluster, sameIdOtherKind]) {
      state = recordCreated(state, 'kernel', resource);
    }
    state = forgetCreated(state, 'kernel', [cluster]);
    expect(state.steps.kernel?.created).toEqual([container, sameIdOtherKind]);
    expect(state.steps.kernel?.state).toBe('running');
    expect(forgetCreated(state, 'layers', [container])).toBe(state);
  });
});
