import { z } from 'zod';
import { imageSummarySchema } from '../domain/images';
import { call, defineDomain } from './define';
import { noInput } from './engine';

export const imagesContract = defineDomain('images', {
  calls: {
    /** Every image of the engine, with the number of containers using each. */
    'images.list': call({ input: noInput, output: z.array(imageSummarySchema) }),
  },
});
