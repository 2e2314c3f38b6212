import { layersCompareStorageKey } from '../../../shared';

/** The images the Layers page compares, kept for this window so that a reload keeps them. */
export function readCompareSelection(): string[] {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(layersCompareStorageKey) ?? '[]');
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function writeCompareSelection(ids: readonly string[]): void {
  sessionStorage.setItem(layersCompareStorageKey, JSON.stringify(ids));
}
