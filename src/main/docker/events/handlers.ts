import type { Readable } from 'node:stream';
import { StowageError, type DockerEvent } from '../../../shared';
import type { eventsContract } from '../../../shared/contract/events';
import type { DomainHandlers } from '../../rpc/handlers';
import { openedUnlessAborted } from '../connection/abortable';
import type { EngineConnection } from '../connection/engine';
import { parseDockerEvents } from '../connection/event-stream';

export function eventsHandlers(engine: EngineConnection): DomainHandlers<typeof eventsContract> {
  return {
    /**
     * One engine event stream per follower: reading it only as fast as the client takes the
     * items is what makes a slow reader pause the engine's stream instead of filling memory.
     */
    'events.follow': async ({ since, types }, { signal, emit }) => {
      const opening = engine.docker().getEvents({
        ...(since !== undefined ? { since: Math.floor(since / 1000) } : {}),
        ...(types?.length ? { filters: { type: types } } : {}),
        abortSignal: signal,
      } as object) as Promise<Readable>;
      const stream = await openedUnlessAborted(opening, signal);
      // A cancel that came while the request was being opened must still end the stream.
      const stop = () => stream.destroy();
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
      let delivered = 0;
      const ready: DockerEvent[] = [];
      const feed = parseDockerEvents((event) => {
        // The engine takes `since` in whole seconds; drop the part of that second before it.
        if (since === undefined || event.time >= since) ready.push(event);
      });
      try {
        for await (const chunk of stream) {
          feed((chunk as Buffer).toString('utf8'));
          for (const event of ready.splice(0)) {
            await emit(event);
            delivered++;
          }
        }
      } catch (error) {
        if (!signal.aborted) throw error;
      } finally {
        signal.removeEventListener('abort', stop);
        stream.destroy();
      }
      if (signal.aborted) throw new StowageError('CANCELLED', 'The event log was cancelled.');
      throw new StowageError(
        'DOCKER_UNREACHABLE',
        `The engine's event stream ended after ${delivered} events.`,
      );
    },
  };
}
