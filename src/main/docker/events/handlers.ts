import type { Readable } from 'node:stream';
import { StowageError, type DockerEvent } from '../../../shared';
import type { eventsContract } from '../../../shared/contract/events';
import type { DomainHandlers } from '../../rpc/handlers';
import type { EngineConnection } from '../connection/engine';
import { parseDockerEvents } from './parse';

export function eventsHandlers(engine: EngineConnection): DomainHandlers<typeof eventsContract> {
  return {
    /**
     * One engine event stream per follower: reading it only as fast as the client takes the
     * items is what makes a slow reader pause the engine's stream instead of filling memory.
     */
    'events.follow': async ({ since, types }, { signal, emit }) => {
      const stream = (await engine.docker().getEvents({
        ...(since !== undefined ? { since: Math.floor(since / 1000) } : {}),
        ...(types?.length ? { filters: { type: types } } : {}),
        abortSignal: signal,
      } as object)) as Readable;
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
      } finally {
        stream.destroy();
      }
      throw new StowageError(
        'DOCKER_UNREACHABLE',
        `The engine's event stream ended after ${delivered} events.`,
      );
    },
  };
}
