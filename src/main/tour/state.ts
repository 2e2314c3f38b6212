import {
  StowageError,
  type TourResource,
  type TourStatus,
  type TourStepId,
  type TourStepResult,
  type TourStepState,
  type TourStepStatus,
} from '../../shared';

/** What the tour remembers of one step between runs of the app. */
export interface SavedStep {
  state: TourStepState;
  created: TourResource[];
  message?: string;
  result?: TourStepResult;
  finishedAt?: number;
}

/** The tour's progress: only steps that were ever started have an entry. */
export interface TourState {
  steps: Partial<Record<TourStepId, SavedStep>>;
}

/** What the status needs to know of a step besides its progress. */
export interface StepDescription {
  id: TourStepId;
  title: string;
  needs: readonly string[];
}

export const emptyTourState = (): TourState => ({ steps: {} });

const notStarted: SavedStep = { state: 'not-started', created: [] };

const withStep = (state: TourState, id: TourStepId, step: SavedStep): TourState => ({
  steps: { ...state.steps, [id]: step },
});

/** A step begins: refused while any step runs, as steps share the engine and its names. */
export function startStep(state: TourState, id: TourStepId): TourState {
  const running = Object.entries(state.steps).find(([, step]) => step.state === 'running');
  if (running) {
    throw new StowageError('CONFLICT', `The step "${running[0]}" is still running.`);
  }
  return withStep(state, id, { state: 'running', created: [] });
}

/** Remembers a resource as soon as it exists, so that a run that fails still cleans it up. */
export function recordCreated(state: TourState, id: TourStepId, resource: TourResource): TourState {
  const step = state.steps[id] ?? notStarted;
  const known = step.created.some(
    (entry) => entry.kind === resource.kind && entry.id === resource.id,
  );
  return known ? state : withStep(state, id, { ...step, created: [...step.created, resource] });
}

/** Drops resources from a step's record once they are gone. */
export function forgetCreated(
  state: TourState,
  id: TourStepId,
  gone: readonly TourResource[],
): TourState {
  const step = state.steps[id];
  if (!step) return state;
  const created = step.created.filter(
    (entry) => !gone.some((resource) => resource.kind === entry.kind && resource.id === entry.id),
  );
  return withStep(state, id, { ...step, created });
}

export function finishStep(
  state: TourState,
  id: TourStepId,
  result: TourStepResult,
  message: string,
  now: number,
): TourState {
  const step = state.steps[id] ?? notStarted;
  return withStep(state, id, { ...step, state: 'done', result, message, finishedAt: now });
}

export function failStep(
  state: TourState,
  id: TourStepId,
  message: string,
  now: number,
): TourState {
  const { created } = state.steps[id] ?? notStarted;
  return withStep(state, id, { state: 'failed', created, message, finishedAt: now });
}

/** Forgets a step's progress; what it made is removed before this, by its labels. */
export function forgetStep(state: TourState, id: TourStepId): TourState {
  const steps = { ...state.steps };
  delete steps[id];
  return { steps };
}

/**
 * A step saved as running was cut short when the app stopped: it failed, and what it had
 * made so far is still listed, so a reset removes it.
 */
export function settleInterrupted(state: TourState, now: number): TourState {
  let settled = state;
  for (const [id, step] of Object.entries(state.steps) as [TourStepId, SavedStep][]) {
    if (step.state === 'running') {
      settled = failStep(settled, id, 'The app stopped before this step finished.', now);
    }
  }
  return settled;
}

export function stepStatus(state: TourState, step: StepDescription): TourStepStatus {
  const saved = state.steps[step.id] ?? notStarted;
  return {
    id: step.id,
    title: step.title,
    needs: [...step.needs],
    state: saved.state,
    created: saved.created,
    ...(saved.message === undefined ? {} : { message: saved.message }),
    ...(saved.result === undefined ? {} : { result: saved.result }),
    ...(saved.finishedAt === undefined ? {} : { finishedAt: saved.finishedAt }),
  };
}

export function tourStatus(
  state: TourState,
  steps: readonly StepDescription[],
  notice: string | undefined,
): TourStatus {
  return {
    steps: steps.map((step) => stepStatus(state, step)),
    ...(notice === undefined ? {} : { notice }),
  };
}
