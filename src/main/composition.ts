import { dockerConfigDir, type EndpointSources } from './docker/connection/endpoint';
import { connectEngine, systemEndpointSources } from './docker/connection/engine';
import { mapDockerError } from './docker/connection/errors';
import { containerHandlers } from './docker/containers/handlers';
import { engineHandlers } from './docker/engine/handlers';
import { eventsHandlers } from './docker/events/handlers';
import { imageHandlers } from './docker/images/handlers';
import { credentialStore, registryAuthFor } from './docker/registries/credential-store';
import { registryHandlers } from './docker/registries/handlers';
import { openDockerRuntime } from './ecs/runtime/docker-probe';
import { layerHandlers } from './layers/handlers';
import { appEcsEndpoint } from './ecs/endpoint/app-endpoint';
import { ecsHandlers } from './ecs/handlers';
import { mapEcsError } from './ecs/ecs-error-mapping';
import { appEcs } from './ecs/simulator';
import { publishAgentChanges } from './ecs/agent/change-feed';
import { TaskAgent } from './ecs/agent/task-agent';
import { networkHandlers } from './docker/networks/handlers';
import { volumeHandlers } from './docker/volumes/handlers';
import { systemClock, type Clock } from './lib/clock';
import { tourHandlers } from './tour/handlers';
import { tourSteps } from './tour/steps';
import { tourService } from './tour/tour-service';
import { EventHub } from './rpc/event-hub';
import type { Handlers } from './rpc/handlers';
import { createRouter, type Router } from './rpc/router';
import type { ContractCall } from './tour/step';
import { StowageError, errorPayloadSchema } from '../shared';

/** Everything behind the transports: the router of every call, the event hub, and the engine watch. */
export interface AppBackend {
  router: Router;
  events: EventHub;
  /** Where persistent state lives (Electron's userData, or `--data-dir`). */
  dataDir: string;
  /** Starts watching the engine; returns at once, nothing waits for the engine. */
  start(): void;
  stop(): void;
}

export interface AppBackendOptions {
  dataDir: string;
  endpointSources?: EndpointSources;
  clock?: Clock;
  /**
   * Where ECS tasks run: real containers when the engine answers (`docker`, the default), or
   * always the simulation (`simulated`).
   */
  ecsRuntime?: 'docker' | 'simulated';
}

/** `STOWAGE_ECS_RUNTIME=simulated` keeps ECS tasks simulated even when an engine answers. */
export function ecsRuntimeFrom(env: NodeJS.ProcessEnv): 'docker' | 'simulated' {
  return env.STOWAGE_ECS_RUNTIME === 'simulated' ? 'simulated' : 'docker';
}

/**
 * The composition root: every domain's handlers, spread into the one table the router needs.
 * A domain left out, or a call without a handler, does not compile.
 */
export function createAppBackend(options: AppBackendOptions): AppBackend {
  const events = new EventHub();
  const sources = options.endpointSources ?? systemEndpointSources();
  const engine = connectEngine({
    sources,
    dataDir: options.dataDir,
    clock: options.clock ?? systemClock,
    onStatus: (status) => events.emit('engine.status', status),
    onEvent: (event) => events.emit('engine.event', event),
  });
  events.emit('engine.status', engine.status());
  // Logins where the docker CLI keeps them: its credential helpers, or config.json.
  const credentials = credentialStore({ configDir: dockerConfigDir(sources), env: sources.env });
  const registryAuth = (reference: string, signal: AbortSignal) =>
    registryAuthFor(credentials, reference, signal);

  const dockerEcs = (options.ecsRuntime ?? 'docker') === 'docker';
  const agent = dockerEcs
    ? new TaskAgent({
        docker: () => engine.docker(),
        clock: options.clock ?? systemClock,
        describeTask: async (cluster, task) =>
          (await (await ecs.get()).controlPlane.describeTasks({ cluster, tasks: [task] }))
            .tasks?.[0],
        describeInstance: async (cluster, instance) =>
          (
            await (
              await ecs.get()
            ).controlPlane.describeContainerInstances({ cluster, containerInstances: [instance] })
          ).containerInstances?.[0],
      })
    : undefined;
  const ecs = appEcs({
    dataDir: options.dataDir,
    clock: options.clock ?? systemClock,
    ...(agent
      ? {
          openDockerRuntime: () =>
            openDockerRuntime({
              engine,
              clock: options.clock ?? systemClock,
              authFor: registryAuth,
              agent,
            }),
        }
      : {}),
    onChanged: (resources) => events.emit('ecs.changed', { resources }),
    onError: (error) => console.error('ECS control plane:', error),
  });
  const ecsEndpoint = appEcsEndpoint({
    ecs,
    dataDir: options.dataDir,
    clock: options.clock ?? systemClock,
    ...(agent ? { identify: agent.holderOf.bind(agent) } : {}),
    onError: (error) => console.error('ECS endpoint:', error),
  });

  // The task detail's request list follows the agent: told, not polled.
  const unpublishAgentChanges =
    agent && publishAgentChanges(agent, events, options.clock ?? systemClock);

  // The tour's steps use the app's own calls; the router they go through is made below.
  const callThroughRouter: ContractCall = async (name, input, signal) => {
    const envelope = await router.call(name, input, signal);
    if ('result' in envelope) return envelope.result as never;
    const payload = errorPayloadSchema.safeParse(envelope.error);
    throw payload.success
      ? StowageError.fromPayload(payload.data)
      : new StowageError('INTERNAL', `${name} failed without saying why.`);
  };

  const handlers: Handlers = {
    ...engineHandlers(engine),
    ...containerHandlers(engine),
    ...imageHandlers(engine, {
      registryAuth,
    }),
    ...eventsHandlers(engine),
    ...registryHandlers({
      dockerConfigDir: dockerConfigDir(sources),
      dataDir: options.dataDir,
      env: sources.env,
    }),
    ...volumeHandlers(engine),
    ...networkHandlers(engine),
    ...layerHandlers(engine, events),
    ...ecsHandlers(ecs, ecsEndpoint, agent && { agent, docker: () => engine.docker() }),
    ...tourHandlers(
      tourService({
        docker: () => engine.docker(),
        call: callThroughRouter,
        dataDir: options.dataDir,
        clock: options.clock ?? systemClock,
        steps: tourSteps,
      }),
    ),
  };

  const router = createRouter(handlers, [mapDockerError, mapEcsError]);
  return {
    router,
    events,
    dataDir: options.dataDir,
    start: () => {
      engine.start();
      ecsEndpoint.resume();
    },
    stop: () => {
      engine.stop();
      void ecsEndpoint.stop().catch((error: unknown) => console.error('ECS endpoint:', error));
      ecs.stop();
      unpublishAgentChanges?.();
      void agent?.close();
    },
  };
}
