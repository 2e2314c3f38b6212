import type Docker from 'dockerode';
import {
  StowageError,
  tourStepIds,
  type TourCleanUp,
  type TourResource,
  type TourStatus,
  type TourStepId,
  type TourStepResult,
  type TourStepStatus,
} from '../../shared';
import type { Clock } from '../lib/clock';
import {
  failStep,
  finishStep,
  forgetCreated,
  forgetStep,
  emptyTourState,
  recordCreated,
  settleInterrupted,
  startStep,
  stepStatus,
  tourStatus,
  type SavedStep,
  type TourState,
} from './state';
import type { AnyTourStep, ContractCall, StepContext } from './step';
import type { CleanUpScope } from './clean-up-plan';
import { ecsResources, removeTourEcsResources } from './ecs-clean-up';
import { removeTourResources } from './tour-engine';
import { loadTourState, saveTourState, tourStatePath } from './tour-store';

export interface TourServiceOptions {
  docker(): Docker;
  /** The app's own calls, through the router. */
  call: ContractCall;
  dataDir: string;
  clock: Clock;
  /** A monotonic clock in milliseconds, for what the steps measure. */
  elapsedMs?(): number;
  steps: readonly AnyTourStep[];
  /** How often a clean-up looks again at ECS things still going away (250 ms). */
  ecsPollMs?: number;
}

export interface TourService {
  status(): Promise<TourStatus>;
  run(
    id: TourStepId,
    signal: AbortSignal,
    progress: (message: string) => Promise<void>,
  ): Promise<TourStepStatus>;
  /** Removes what one step made, or the whole tour's, and forgets the progress. */
  reset(scope: { step: TourStepId } | 'whole-tour', signal: AbortSignal): Promise<TourCleanUp>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** Two minutes for ECS to stop a cluster's tasks, at the default pace. */
const ECS_CLEAN_UP_POLLS = 480;

/** The tour's progress kept in the data directory, and its steps run one at a time. */
export function tourService(options: TourServiceOptions): TourService {
  const path = tourStatePath(options.dataDir);
  let state: TourState = emptyTourState();
  let notice: string | undefined;
  const loading = loadTourState(path, options.clock.now()).then((loaded) => {
    state = settleInterrupted(loaded.state, options.clock.now());
    notice = loaded.notice;
  });
  // Saves go one after another, each writing the state as it is when its turn comes.
  let saving: Promise<void> = Promise.resolve();
  const change = async (next: TourState) => {
    state = next;
    const save = saving.then(() => saveTourState(path, state));
    saving = save.catch(() => undefined);
    await save;
  };
  const stepOf = (id: TourStepId) => {
    const step = options.steps.find((candidate) => candidate.id === id);
    if (!step) throw new StowageError('NOT_FOUND', `The tour has no step ${id}.`);
    return step;
  };
  const pollMs = options.ecsPollMs ?? 250;
  const ecsCleanUp = {
    call: options.call,
    pause: () => new Promise<void>((resolve) => options.clock.setTimeout(resolve, pollMs)),
    maxPolls: ECS_CLEAN_UP_POLLS,
  };
  /**
   * Removes the ECS things first (a cluster's tasks use the engine), then the engine's; the
   * ECS things ECS refused stay recorded for the step, so a later reset tries them again.
   */
  const removeAll = async (
    scope: CleanUpScope,
    recorded: readonly TourResource[],
    signal: AbortSignal,
  ): Promise<{ outcome: TourCleanUp; keptEcs: TourResource[] }> => {
    const ecs = await removeTourEcsResources(ecsCleanUp, scope, recorded, signal);
    const engine = await removeTourResources(options.docker(), scope, signal);
    return {
      outcome: {
        removed: [...ecs.removed, ...engine.removed],
        kept: [...ecs.kept, ...engine.kept],
      },
      keptEcs: ecs.kept.map((entry) => entry.resource),
    };
  };
  const rememberKept = async (id: TourStepId, kept: readonly TourResource[]) => {
    for (const resource of kept) await change(recordCreated(state, id, resource));
  };
  const refuseWhileRunning = () => {
    const running = tourStepIds.find((id) => state.steps[id]?.state === 'running');
    if (running) throw new StowageError('CONFLICT', `The step "${running}" is still running.`);
  };

  return {
    async status() {
      await loading;
      return tourStatus(state, options.steps, notice);
    },

    async run(id, signal, progress) {
      await loading;
      const step = stepOf(id);
      const leftBefore = ecsResources(state.steps[id]?.created ?? []);
      await change(startStep(state, id));
      const docker = options.docker();
      const ctx: StepContext = {
        docker,
        call: options.call,
        elapsedMs: options.elapsedMs ?? (() => performance.now()),
        progress,
        created: (resource) => change(recordCreated(state, id, resource)),
      };
      try {
        // A run starts clean: what an earlier run of this step left goes first. Its ECS
        // things stay recorded until they are gone, so a failed clean-up is tried again.
        await rememberKept(id, leftBefore);
        const { outcome } = await removeAll({ step: id }, leftBefore, signal);
        await change(forgetCreated(state, id, outcome.removed));
        const result = (await step.run(ctx, signal)) as TourStepResult;
        const summary = (step.summary as (result: TourStepResult) => string)(result);
        await change(finishStep(state, id, result, summary, options.clock.now()));
      } catch (error) {
        const message = signal.aborted ? 'Cancelled before it finished.' : messageOf(error);
        await change(failStep(state, id, message, options.clock.now()));
        throw error;
      }
      return stepStatus(state, step);
    },

    async reset(scope, signal) {
      await loading;
      refuseWhileRunning();
      const recorded =
        scope === 'whole-tour'
          ? Object.values(state.steps).flatMap((step) => step.created)
          : (state.steps[scope.step]?.created ?? []);
      const { outcome, keptEcs } = await removeAll(scope, recorded, signal);
      if (scope === 'whole-tour') {
        const before = state.steps;
        await change(emptyTourState());
        notice = undefined;
        for (const [id, step] of Object.entries(before) as [TourStepId, SavedStep][]) {
          const ownKept = keptEcs.filter((resource) =>
            step.created.some((entry) => entry.id === resource.id),
          );
          await rememberKept(id, ownKept);
        }
      } else {
        await change(forgetStep(state, scope.step));
        await rememberKept(scope.step, keptEcs);
      }
      return outcome;
    },
  };
}
