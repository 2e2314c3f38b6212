import { StowageError } from '../../../shared';
import type { EcsEndpointStatus } from '../../../shared/contract/ecs-endpoint';
import type { Clock } from '../../lib/clock';
import { isLoopback } from '../../lib/host-names';
import { startEcsEndpoint, type EcsEndpoint } from './server';
import type { IdentityLookup } from './sts-query-service';
import {
  ecsEndpointSettingPath,
  loadEcsEndpointSetting,
  saveEcsEndpointSetting,
  type EcsEndpointSetting,
} from './endpoint-setting';
import type { AppEcs } from '../simulator';

export interface AppEcsEndpointOptions {
  ecs: AppEcs;
  /** Where the choice is remembered (`<dataDir>/ecs-endpoint.json`). */
  dataDir: string;
  clock: Clock;
  /** STS GetCallerIdentity's answer for credentials the app's container agent minted. */
  identify?: IdentityLookup;
  onError(error: unknown): void;
}

export interface EcsEndpointRequest {
  enabled: boolean;
  port?: number | undefined;
  host?: string | undefined;
}

/** The AWS JSON 1.1 endpoint of `stowage ecs`, served by the app over its own control plane. */
export interface AppEcsEndpoint {
  status(): Promise<EcsEndpointStatus>;
  /** Listens (or closes) at once and remembers the choice; a taken port changes nothing. */
  set(request: EcsEndpointRequest): Promise<EcsEndpointStatus>;
  /** At the app's start: listens again when it was left on; a failure shows in the status. */
  resume(): void;
  /** Closes it for good (the app is quitting); the remembered choice stays. */
  stop(): Promise<void>;
}

export function appEcsEndpoint(options: AppEcsEndpointOptions): AppEcsEndpoint {
  const path = ecsEndpointSettingPath(options.dataDir);
  let setting: EcsEndpointSetting | undefined;
  let listening: EcsEndpoint | undefined;
  let problem: string | undefined;
  let stopped = false;
  // One change at a time: two quick toggles must not leave two servers or a stale file.
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const remembered = async (): Promise<EcsEndpointSetting> => {
    if (!setting) {
      const loaded = await loadEcsEndpointSetting(path, options.clock);
      setting = loaded.setting;
      problem = loaded.notice;
    }
    return setting;
  };

  const open = async ({ host, port }: EcsEndpointSetting): Promise<EcsEndpoint> => {
    if (!isLoopback(host)) {
      throw new StowageError(
        'INVALID_INPUT',
        `The ECS endpoint listens on loopback only (127.0.0.1), not ${host.slice(0, 64)}: it checks no credentials.`,
      );
    }
    const { controlPlane, loadBalancers } = await options.ecs.get();
    try {
      return await startEcsEndpoint({
        controlPlane,
        ...(loadBalancers ? { loadBalancers } : {}),
        host,
        port,
        ...(loadBalancers ? { loadBalancers } : {}),
        ...(options.identify ? { identify: options.identify } : {}),
        clock: options.clock,
        onUnexpectedError: (operation, error) =>
          options.onError(
            new Error(`ECS endpoint: ${operation} failed unexpectedly`, { cause: error }),
          ),
      });
    } catch (error) {
      throw listenError(error, host, port);
    }
  };

  const close = async () => {
    const old = listening;
    listening = undefined;
    await old?.close();
  };

  const statusNow = (current: EcsEndpointSetting): EcsEndpointStatus => ({
    ...current,
    ...(listening ? { url: listening.url } : {}),
    ...(problem === undefined ? {} : { problem }),
  });

  return {
    status: () => serialised(async () => statusNow(await remembered())),

    set: (request) =>
      serialised(async () => {
        if (stopped) throw new StowageError('CONFLICT', 'Stowage is quitting.');
        const before = await remembered();
        const next: EcsEndpointSetting = {
          enabled: request.enabled,
          host: request.host ?? before.host,
          port: request.port ?? before.port,
        };
        if (!next.enabled) await close();
        else if (!listening || before.host !== next.host || before.port !== next.port) {
          // The new one first: if its port is taken, the one that works keeps working.
          const started = await open(next);
          await close();
          listening = started;
        }
        await saveEcsEndpointSetting(path, options.dataDir, next);
        setting = next;
        problem = undefined;
        return statusNow(next);
      }),

    resume: () => {
      void serialised(async () => {
        const current = await remembered();
        if (stopped || !current.enabled || listening) return;
        try {
          listening = await open(current);
          problem = undefined;
        } catch (error) {
          problem = error instanceof Error ? error.message : String(error);
        }
      }).catch(options.onError);
    },

    stop: () => {
      stopped = true;
      return serialised(close);
    },
  };
}

/** A listen failure in words that say what to do about it. */
function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new StowageError(
      'CONFLICT',
      `Port ${port} on ${host} is in use by another program. Choose another port for the ECS endpoint.`,
    );
  }
  if (code === 'EACCES') {
    return new StowageError(
      'CONFLICT',
      `Port ${port} needs privileges Stowage does not have. Choose a port above 1023.`,
    );
  }
  if (code === 'EADDRNOTAVAIL') {
    return new StowageError('INVALID_INPUT', `${host} is not an address of this machine.`);
  }
  return error;
}
