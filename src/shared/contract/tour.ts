import { z } from 'zod';
import {
  tourCleanUpSchema,
  tourProgressSchema,
  tourStatusSchema,
  tourStepIdSchema,
  tourStepStatusSchema,
} from '../domain/tour';
import { call, defineDomain, stream } from './define';
import { noInput } from './engine';

export const tourContract = defineDomain('tour', {
  calls: {
    'tour.status': call({ input: noInput, output: tourStatusSchema }),
    /** Removes what one step made (by its labels) and forgets its progress. */
    'tour.steps.reset': call({
      input: z.object({ step: tourStepIdSchema }).strict(),
      output: tourCleanUpSchema,
    }),
    /** Removes everything the tour made on the engine and starts it over. */
    'tour.reset': call({ input: noInput, output: tourCleanUpSchema }),
  },
  streams: {
    /** Runs one step on the engine; what it did in words as it goes. Cancel stops it. */
    'tour.steps.run': stream({
      input: z.object({ step: tourStepIdSchema }).strict(),
      item: tourProgressSchema,
      result: tourStepStatusSchema,
    }),
  },
});
