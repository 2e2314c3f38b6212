import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { engineChoiceSchema, type EngineChoice } from '../../../shared';
import type { Clock } from '../../lib/clock';

const settingsSchema = z.object({ version: z.literal(1), engine: engineChoiceSchema }).strict();

export interface LoadedEngineChoice {
  choice: EngineChoice | undefined;
  /** Set when the file was unreadable and moved aside. */
  notice?: string;
}

/** The file in Stowage's data directory that remembers the chosen engine. */
export function engineSettingsPath(dataDir: string): string {
  return join(dataDir, 'engine.json');
}

/**
 * Reads the remembered choice. A file that is not what this version writes is moved aside
 * (never overwritten unseen) and reported, and nothing is chosen.
 */
export function loadEngineChoice(path: string, clock: Clock): LoadedEngineChoice {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { choice: undefined };
    return {
      choice: undefined,
      notice: `The engine settings ${path} cannot be read: ${String(error)}`,
    };
  }
  let problem: string;
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { choice: parsed.data.engine };
    problem = 'is not in the expected shape';
  } catch {
    problem = 'is not valid JSON';
  }
  const aside = `${path}.corrupt-${clock.now()}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    return {
      choice: undefined,
      notice: `The engine settings ${path} ${problem} and could not be moved aside (${String(error)}).`,
    };
  }
  return {
    choice: undefined,
    notice: `The engine settings ${path} ${problem}; they were moved to ${aside} and the docker CLI's engine is used.`,
  };
}

/** Writes the choice atomically: a temporary file in the same directory, then a rename. */
export function saveEngineChoice(path: string, choice: EngineChoice): void {
  const directory = dirname(path);
  mkdirSync(directory, { recursive: true });
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const text = `${JSON.stringify(settingsSchema.parse({ version: 1, engine: choice }), null, 2)}\n`;
  try {
    const file = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(file, text);
      fsyncSync(file);
    } finally {
      closeSync(file);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
