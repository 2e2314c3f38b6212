import type Docker from 'dockerode';
import {
  StowageError,
  tourStepIds,
  type TourCleanUp,
  type TourStatus,
  type TourStepId,
  type TourStepResult,
  type TourStepStatus,
} from '../../shared';
import type { Clock } from '../lib/clock';
import {
  failStep,
  finishStep,
  forgetStep,
  emptyTourState,
  recordCreated,
  settleInterrupted,
  startStep,
  stepStatus,
  tourStatus,
  type TourState,
} from './state';
import type { AnyTourStep, ContractCall, StepContext } from './step';
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
        // A run starts clean: what an earlier run of this step left goes first.
        await removeTourResources(docker, { step: id }, signal);
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
      const outcome = await removeTourResources(options.docker(), scope, signal);
      if (scope === 'whole-tour') {
        await change(emptyTourState());
        notice = undefined;
      } else {
        await change(forgetStep(state, scope.step));
      }
      return outcome;
    },
  };
}
