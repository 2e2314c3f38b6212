import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { registryAddressOf } from '../../../shared';
import { writeAtomically } from './credential-store';

/** The registries added by URL in Stowage, kept in its data folder (no credentials). */
export interface KnownRegistries {
  list(): Promise<string[]>;
  add(registry: string): Promise<void>;
  remove(registry: string): Promise<void>;
}

export function knownRegistries(dataDir: string): KnownRegistries {
  const path = join(dataDir, 'registries.json');
  const list = async (): Promise<string[]> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return [];
    }
    try {
      const saved = (JSON.parse(text) as { registries?: unknown }).registries;
      if (!Array.isArray(saved)) return [];
      return saved.flatMap((entry) => {
        const address = typeof entry === 'string' ? registryAddressOf(entry) : undefined;
        return address ? [address] : [];
      });
    } catch {
      return [];
    }
  };
  const save = (registries: readonly string[]) =>
    writeAtomically(path, `${JSON.stringify({ registries: [...new Set(registries)] }, null, 2)}\n`);
  // One change at a time, so two quick adds do not overwrite each other.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = (change: () => Promise<void>): Promise<void> => {
    const next = queue.then(change, change);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    list,
    add: (registry) => serially(async () => save([...(await list()), registry])),
    remove: (registry) =>
      serially(async () => save((await list()).filter((entry) => entry !== registry))),
  };
}
