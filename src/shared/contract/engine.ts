import { z } from 'zod';
import { dockerEventSchema, engineInfoSchema, engineStatusSchema } from '../domain/engine';
import { call, defineDomain, event } from './define';

export const noInput = z.object({}).strict();

export const engineContract = defineDomain('engine', {
  calls: {
    /** The current state of the connection to the Docker engine. Never fails. */
    'engine.status': call({ input: noInput, output: engineStatusSchema }),
    /** Version, platform and counts of the engine. */
    'engine.info': call({ input: noInput, output: engineInfoSchema }),
  },
  events: {
    /** Sent on every change of the engine connection; replayed to every new client. */
    'engine.status': event(engineStatusSchema, { sticky: true }),
    /** Every event of the engine's event stream while connected: caches listen to these. */
    'engine.event': event(dockerEventSchema),
  },
});
