import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { tourResourceSchema, tourStepIdSchema, tourStepResultSchema } from '../../shared';
import { atomicWriteFile } from '../store/atomic-write';
import { emptyTourState, type TourState } from './state';

const savedStepSchema = z
  .object({
    state: z.enum(['not-started', 'running', 'done', 'failed']),
    created: z.array(tourResourceSchema),
    message: z.string().optional(),
    result: tourStepResultSchema.optional(),
    finishedAt: z.number().optional(),
  })
  .strict();

const fileSchema = z
  .object({
    version: z.literal(1),
    steps: z.partialRecord(tourStepIdSchema, savedStepSchema),
  })
  .strict();

export interface LoadedTourState {
  state: TourState;
  /** Set when the file could not be used and was moved aside. */
  notice?: string;
}

/** The file in the data directory that remembers the tour's progress. */
export const tourStatePath = (dataDir: string) => join(dataDir, 'tour.json');

/**
 * Reads the saved progress. A file this version cannot read is moved aside, never
 * overwritten unseen, and the tour starts over with a notice saying where the file went.
 */
export async function loadTourState(path: string, now: number): Promise<LoadedTourState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: emptyTourState() };
    throw error;
  }
  let problem: string;
  try {
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { state: { steps: parsed.data.steps } };
    problem = 'is not in the shape this version writes';
  } catch {
    problem = 'is not valid JSON';
  }
  const aside = `${path}.corrupt-${now}`;
  await rename(path, aside);
  return {
    state: emptyTourState(),
    notice: `The tour's saved progress ${path} ${problem}; it was moved to ${aside} and the tour starts over. Reset the tour to remove what earlier runs made.`,
  };
}

/** Replaces the file atomically: a crash leaves the old progress or the new, whole. */
export async function saveTourState(path: string, state: TourState): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await atomicWriteFile(path, `${JSON.stringify({ version: 1, steps: state.steps }, null, 2)}\n`);
}
