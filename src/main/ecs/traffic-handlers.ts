import { randomUUID } from 'node:crypto';
import { StowageError } from '../../shared';
import type { ecsLoadBalancingCalls } from '../../shared/contract/ecs-load-balancing';
import { systemClock, type Clock } from '../lib/clock';
import type { CallHandler } from '../rpc/handlers';
import { TrafficGenerator } from './load-balancer/traffic-generator';
import type { AppEcs } from './simulator';

type TrafficCall = Extract<keyof typeof ecsLoadBalancingCalls, `ecs.traffic.${string}`>;
type TrafficHandlers = { [K in TrafficCall]: CallHandler<K> };

/** Runs kept for the list, newest first; the oldest stopped ones are forgotten beyond it. */
const keptRuns = 20;
/** Runs at once: each may send 500 requests a second from this process. */
const maxRunning = 4;

/** The contract's calls that send traffic through a load balancer from inside the app. */
export function ecsTrafficHandlers(ecs: AppEcs, clock: Clock = systemClock): TrafficHandlers {
  const runs: TrafficGenerator[] = [];

  const forget = () => {
    for (let index = runs.length - 1; index >= 0 && runs.length > keptRuns; index--) {
      if (!runs[index]?.running) runs.splice(index, 1);
    }
  };

  return {
    'ecs.traffic.start': async ({ listenerArn, path, requestsPerSecond, durationSeconds }) => {
      const dataPlane = (await ecs.get()).loadBalancers;
      if (!dataPlane) {
        throw new StowageError('OPERATION_FAILED', 'This app carries no load balancer traffic.');
      }
      const binding = dataPlane
        .bindings()
        .find((candidate) => candidate.listenerArn === listenerArn);
      const url = binding?.directUrl ?? binding?.fallbackUrl;
      if (!url) {
        throw new StowageError(
          'NOT_FOUND',
          binding?.directProblem ?? `Listener ${listenerArn} is not served.`,
        );
      }
      if (runs.filter((run) => run.running).length >= maxRunning) {
        throw new StowageError(
          'CONFLICT',
          `${maxRunning} traffic runs are going already; stop one first.`,
        );
      }
      const run = new TrafficGenerator({
        id: randomUUID(),
        listenerArn,
        url,
        path: path ?? '/',
        requestsPerSecond,
        durationSeconds,
        clock,
      });
      runs.unshift(run);
      forget();
      return run.snapshot();
    },
    'ecs.traffic.stop': ({ id }) => {
      const run = runs.find((candidate) => candidate.id === id);
      if (!run) throw new StowageError('NOT_FOUND', `No traffic run ${id}.`);
      run.stop();
      return Promise.resolve(run.snapshot());
    },
    'ecs.traffic.list': () => Promise.resolve(runs.map((run) => run.snapshot())),
  };
}
