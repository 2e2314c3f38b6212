import { StowageError, type CallInput, type CallName, type CallOutput } from '../../shared';
import type { Handlers } from '../rpc/handlers';
import { createRouter, type Router } from '../rpc/router';
import type { createPlane } from './control-plane/test-support';
import { AutoScalingMonitor } from './auto-scaling-monitor';
import { mapEcsError } from './ecs-error-mapping';
import { EcsEventLog } from './events/state-change-events';
import type { AppEcs } from './simulator';

const signal = new AbortController().signal;

/**
 * The app's ECS over a test control plane on the simulated runtime, with its metrics monitor
 * on the plane's clock.
 */
export function simulatedAppEcs(setup: ReturnType<typeof createPlane>): AppEcs {
  const autoScaling = new AutoScalingMonitor({
    clock: setup.clock,
    plane: setup.plane,
    onError: (error) => {
      throw error;
    },
  });
  autoScaling.start();
  const stop = () => {
    autoScaling.stop();
    setup.plane.dispose();
  };
  return {
    get: async () => ({
      controlPlane: setup.plane,
      runtime: setup.runtime,
      runtimeName: 'simulated',
      autoScaling,
      notices: [],
      close: async () => stop(),
    }),
    stop,
    events: new EcsEventLog(),
  };
}

/** Some of the contract's ECS handlers behind the real router, with ECS's error mapping. */
export function ecsTestRouter(handlers: object): Router {
  return createRouter(handlers as unknown as Handlers, [mapEcsError]);
}

/** A call through the router: its result, or its error thrown as a StowageError. */
export async function callOn<K extends CallName>(
  router: Router,
  name: K,
  input: CallInput<K>,
): Promise<CallOutput<K>> {
  const envelope = await router.call(name, input, signal);
  if ('error' in envelope) throw StowageError.fromPayload(envelope.error);
  return envelope.result as CallOutput<K>;
}
