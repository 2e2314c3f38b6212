import { z } from 'zod';
import {
  dockerEventSchema,
  engineChoiceSchema,
  engineContextListSchema,
  engineInfoSchema,
  engineStatusSchema,
} from '../domain/engine';
import { call, defineDomain, event } from './define';

export const noInput = z.object({}).strict();

export const engineContract = defineDomain('engine', {
  calls: {
    /** The current state of the connection to the Docker engine. Never fails. */
    'engine.status': call({ input: noInput, output: engineStatusSchema }),
    /** Version, platform and counts of the engine. */
    'engine.info': call({ input: noInput, output: engineInfoSchema }),
    /** The docker contexts, the implicit `default` and a `DOCKER_HOST` override when set. */
    'engine.contexts': call({ input: noInput, output: engineContextListSchema }),
    /**
     * Switches to another engine without a restart and remembers the choice. Streams on the
     * old engine end with DOCKER_UNREACHABLE; the status goes through `connecting`.
     */
    'engine.use': call({ input: engineChoiceSchema, output: engineStatusSchema }),
  },
  events: {
    /** Sent on every change of the engine connection; replayed to every new client. */
    'engine.status': event(engineStatusSchema, { sticky: true }),
    /** Every event of the engine's event stream while connected: caches listen to these. */
    'engine.event': event(dockerEventSchema),
  },
});
