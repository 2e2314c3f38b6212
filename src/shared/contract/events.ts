import { z } from 'zod';
import { dockerEventSchema } from '../domain/engine';
import { defineDomain, stream } from './define';

export const eventsContract = defineDomain('events', {
  streams: {
    /**
     * The engine's event log, from `since` (epoch milliseconds; default: now) onwards, until
     * cancelled. Ends with an error when the engine goes away. A slow reader pauses the log.
     */
    'events.follow': stream({
      input: z
        .object({
          since: z.number().int().nonnegative().optional(),
          /** Only events of these object types (image, container, volume, network, ...). */
          types: z.array(z.string().min(1).max(32)).max(16).optional(),
        })
        .strict(),
      item: dockerEventSchema,
      result: z.object({ delivered: z.number().int().nonnegative() }),
    }),
  },
});
