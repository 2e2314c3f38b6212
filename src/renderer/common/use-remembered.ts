import { useCallback, useState } from 'react';
import type { z } from 'zod';

/** Where the renderer keeps what the user arranged (column choices, pane sizes). */
export const rememberedPrefix = 'stowage.';

function read<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
  try {
    const stored = localStorage.getItem(rememberedPrefix + key);
    if (stored === null) return fallback;
    const parsed = schema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : fallback;
  } catch {
    // Storage refused (a locked-down profile) or a value that is not JSON: start afresh.
    return fallback;
  }
}

/**
 * A value kept in localStorage under `key`, read back (and checked by `schema`) on the next
 * visit; a missing or unreadable value gives `fallback`.
 */
export function useRemembered<T>(
  key: string,
  schema: z.ZodType<T>,
  fallback: T,
): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => read(key, schema, fallback));
  const remember = useCallback(
    (next: T) => {
      setValue(next);
      try {
        localStorage.setItem(rememberedPrefix + key, JSON.stringify(next));
      } catch {
        // Not remembered, still applied.
      }
    },
    [key],
  );
  return [value, remember];
}
