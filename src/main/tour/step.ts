import type Docker from 'dockerode';
import type { TourResource, TourStepId, TourStepResultOf } from '../../shared';

/** What a step works with: the engine, a way to say what it does, and a record of what it made. */
export interface StepContext {
  docker: Docker;
  /** Milliseconds on a monotonic clock, for what a step measures. */
  elapsedMs(): number;
  progress(message: string): Promise<void>;
  /** Called as soon as something exists, so that a failed or cancelled run still cleans it up. */
  created(resource: TourResource): Promise<void>;
}

/** One idea of the tour, done for real on the engine. */
export interface TourStep<K extends TourStepId = TourStepId> {
  id: K;
  title: string;
  /** What must be there before the step can run, in words. */
  needs: readonly string[];
  run(ctx: StepContext, signal: AbortSignal): Promise<TourStepResultOf<K>>;
  /** The outcome in one sentence, for the step's list entry. */
  summary(result: TourStepResultOf<K>): string;
}

/** Any one of the steps, each typed by its own result. */
export type AnyTourStep = { [K in TourStepId]: TourStep<K> }[TourStepId];
