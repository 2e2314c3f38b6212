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

/**
 * One idea of the tour, done for real on the engine.
 *
 * What a step makes is the tour's only by its name and its record, so every step keeps to:
 * - containers and images carry `tourLabels(step)`; a reset finds them by those labels;
 * - ECS things are recorded with `ctx.created` the moment they exist, by ARN (`id`): kind
 *   `ecs-cluster` (name `tourClusterName(step)`, `stowage-tour-<step>`), `task-definition`
 *   (family `tourFamily(step, what?)`, `stowage-tour-<step>[-<what>]`, named
 *   `family:revision`), `load-balancer` and `target-group` (`tourElbName(short)`,
 *   `tour-<short>`, at most 32 characters). Services, tasks, instances and listeners need no
 *   record: they go with their cluster or load balancer.
 * A reset of a step, and the start of its next run, removes what it recorded (and its
 * cluster, found by name); resetting the whole tour also removes every `stowage-tour-…`
 * cluster and task definition family.
 */
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
