import type Docker from 'dockerode';
import { StowageError } from '../../../shared';
import type { containersContract } from '../../../shared/contract/containers';
import type { DomainHandlers } from '../../rpc/handlers';
import { systemClock, type Clock } from '../../lib/clock';
import { mapConcurrently, requestsPerSignal } from '../../lib/concurrency';
import type { EngineConnection } from '../connection/engine';
import { mapDockerError } from '../connection/errors';
import {
  changesOf,
  createContainer,
  imageConfig,
  inspectContainer,
  lifecycle,
  listContainers,
  removeContainer,
  renameContainer,
  statInContainer,
  topOf,
  type LifecycleAction,
  type RawImageConfig,
} from './api';
import {
  engineTime,
  isUp,
  noImageDefaults,
  takenPort,
  toContainerDetail,
  toContainerSummary,
  toCreateBody,
  type ImageDefaults,
  type RawContainer,
} from './map';
import { withSizes } from './readings/change-sizes';
import { isPrunable, toContainerPrunePreview, toFileChanges, toProcessList } from './readings/map';
import { engineUsageSource, ExecSessions, followLogs, followStats } from './streams';
import { UsageMonitor } from './usage';

const done = (container: string) => ({ id: container });

/**
 * Start times of running containers, which the list does not carry. An entry holds while
 * the engine's status words ("Up 3 hours") stay the same: a restart changes them, so a
 * container is inspected again only when its uptime text moves on.
 */
class StartTimes {
  private readonly known = new Map<string, { status: string; startedAt: number | undefined }>();

  /** `complete`: not a list of chosen ids, so a container it lacks is gone. */
  async of(docker: Docker, list: readonly RawContainer[], complete: boolean, signal: AbortSignal) {
    const stale = list.filter(
      (container) =>
        isUp(container.State) && this.known.get(container.Id)?.status !== container.Status,
    );
    await mapConcurrently(stale, requestsPerSignal, async (container) => {
      try {
        const inspect = await inspectContainer(docker, container.Id, signal);
        this.known.set(container.Id, {
          status: container.Status,
          startedAt: engineTime(inspect.State.StartedAt),
        });
      } catch {
        // Gone since the list was taken: it has no uptime to show.
      }
    });
    const listed = new Set(list.map((container) => container.Id));
    if (complete) for (const id of this.known.keys()) if (!listed.has(id)) this.known.delete(id);
    return (id: string) => this.known.get(id)?.startedAt;
  }
}

function defaultsOf(image: RawImageConfig | undefined): ImageDefaults {
  const config = image?.Config;
  if (!config) return noImageDefaults;
  return {
    env: config.Env ?? [],
    cmd: config.Cmd ?? [],
    entrypoint: config.Entrypoint ?? [],
    labels: config.Labels ?? {},
  };
}

/** A failed create or start, said the way the run dialog needs it. */
function runFailure(error: unknown, image: string): unknown {
  const mapped = mapDockerError(error);
  if (!mapped) return error;
  if (mapped.code === 'NOT_FOUND' && /image/i.test(mapped.message)) {
    return new StowageError(
      'NOT_FOUND',
      `The engine has no image ${image}: pull it first (${mapped.message}).`,
    );
  }
  const port = takenPort(mapped.message);
  if (port) {
    return new StowageError(
      'CONFLICT',
      `Host port ${port} is already taken: another container or program listens on it.`,
      { port: Number(port), engine: mapped.message },
    );
  }
  return mapped;
}

export function containerHandlers(
  engine: EngineConnection,
  clock: Clock = systemClock,
): DomainHandlers<typeof containersContract> {
  const startTimes = new StartTimes();
  const usage = new UsageMonitor(engineUsageSource(engine), clock);
  const execs = new ExecSessions();
  const act =
    (action: LifecycleAction, query: (input: Record<string, unknown>) => Record<string, unknown>) =>
    async (input: { container: string }, { signal }: { signal: AbortSignal }) => {
      try {
        await lifecycle(engine.docker(), input.container, action, query(input), signal);
      } catch (error) {
        throw action === 'start' || action === 'restart' ? runFailure(error, '') : error;
      }
      return done(input.container);
    };
  const none = () => ({});
  const timeout = (input: Record<string, unknown>) =>
    input.timeoutSeconds === undefined ? {} : { t: input.timeoutSeconds };

  return {
    'containers.list': async ({ all, size, ids }, { signal }) => {
      const docker = engine.docker();
      if (ids?.length === 0) return [];
      const list = await listContainers(
        docker,
        { all: all ?? true, size: size ?? false, ids },
        signal,
      );
      const startedAt = await startTimes.of(docker, list, !ids, signal);
      return list
        .map((container) => toContainerSummary(container, startedAt(container.Id)))
        .sort((a, b) => b.created - a.created);
    },

    'containers.inspect': async ({ container }, { signal }) => {
      const docker = engine.docker();
      const inspect = await inspectContainer(docker, container, signal);
      return toContainerDetail(
        inspect,
        defaultsOf(await imageConfig(docker, inspect.Image, signal)),
      );
    },

    'containers.start': act('start', none),
    'containers.stop': act('stop', timeout),
    'containers.restart': act('restart', timeout),
    'containers.pause': act('pause', none),
    'containers.unpause': act('unpause', none),
    'containers.kill': act('kill', (input) => (input.signal ? { signal: input.signal } : {})),

    'containers.remove': async ({ container, force, volumes }, { signal }) => {
      await removeContainer(
        engine.docker(),
        container,
        { force: force ?? false, volumes: volumes ?? false },
        signal,
      );
      return done(container);
    },

    'containers.rename': async ({ container, name }, { signal }) => {
      await renameContainer(engine.docker(), container, name, signal);
      return { id: container, name };
    },

    'containers.run': async ({ spec }, { signal }) => {
      const docker = engine.docker();
      let created;
      try {
        created = await createContainer(docker, spec.name, toCreateBody(spec), signal);
      } catch (error) {
        throw runFailure(error, spec.image);
      }
      try {
        await lifecycle(docker, created.Id, 'start', {}, signal);
      } catch (error) {
        // Nothing half-made stays behind: the dialog can be sent again as it is.
        await removeContainer(docker, created.Id, { force: true, volumes: true }, signal).catch(
          () => undefined,
        );
        throw runFailure(error, spec.image);
      }
      const inspect = await inspectContainer(docker, created.Id, signal).catch(() => undefined);
      return {
        id: created.Id,
        name: inspect?.Name.replace(/^\//, '') ?? spec.name,
        warnings: created.Warnings ?? [],
      };
    },

    'containers.prunePreview': async (_input, { signal }) =>
      toContainerPrunePreview(
        await listContainers(engine.docker(), { all: true, size: true }, signal),
      ),

    'containers.prune': async ({ ids }, { signal }) => {
      const docker = engine.docker();
      const now = new Map(
        (await listContainers(docker, { all: true, size: false }, signal)).map((c) => [c.Id, c]),
      );
      const removed: string[] = [];
      const kept: { id: string; reason: string }[] = [];
      for (const id of ids) {
        const container = now.get(id);
        if (!container) kept.push({ id, reason: 'It is already gone.' });
        else if (!isPrunable(container.State)) kept.push({ id, reason: 'It was started since.' });
        else {
          try {
            await removeContainer(docker, id, { force: false, volumes: false }, signal);
            removed.push(id);
          } catch (error) {
            kept.push({ id, reason: mapDockerError(error)?.message ?? String(error) });
          }
        }
      }
      return { removed, kept };
    },

    'containers.top': async ({ container, psArgs }, { signal }) =>
      toProcessList(await topOf(engine.docker(), container, psArgs, signal)),

    'containers.changes': async ({ container }, { signal }) => {
      const docker = engine.docker();
      const changes = toFileChanges(await changesOf(docker, container, signal));
      return withSizes(changes, (path) => statInContainer(docker, container, path, signal));
    },

    'containers.execInput': async ({ session, data }) => {
      execs.get(session).socket.write(data);
      return {};
    },

    'containers.execResize': async ({ session, cols, rows }) => {
      await execs.get(session).resize(cols, rows);
      return {};
    },

    'containers.logs': async (input, { signal, emit }) => {
      await followLogs(engine.docker(), input, signal, emit);
      return {};
    },

    'containers.stats': async ({ container }, { signal, emit }) => {
      await followStats(engine.docker(), container, signal, emit);
      return {};
    },

    'containers.usage': async (_input, { signal, emit }) => {
      await new Promise<void>((resolve) => {
        if (signal.aborted) return resolve();
        const stop = usage.subscribe((snapshot) => void emit(snapshot).catch(() => undefined));
        signal.addEventListener(
          'abort',
          () => {
            stop();
            resolve();
          },
          { once: true },
        );
      });
      throw new StowageError('CANCELLED', 'The usage readings were cancelled.');
    },

    'containers.exec': (input, { signal, emit }) => execs.run(engine.docker(), input, signal, emit),
  };
}
