import type Docker from 'dockerode';
import type {
  CallInput,
  CallName,
  CallOutput,
  TourResource,
  TourStepId,
  TourStepResultOf,
} from '../../shared';

/**
 * One call of the app's own contract, made as the pages make it (validated by the router), so
 * that a step does with ECS exactly what the user could do by hand. Throws the call's
 * StowageError when it fails.
 */
export type ContractCall = <K extends CallName>(
  name: K,
  input: CallInput<K>,
  signal: AbortSignal,
) => Promise<CallOutput<K>>;

/** What a step works with: the engine, a way to say what it does, and a record of what it made. */
export interface StepContext {
  docker: Docker;
  /** The app's calls (ECS, images, registries…), for steps beyond the bare engine. */
  call: ContractCall;
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
