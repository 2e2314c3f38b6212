import type { LayerEntry, PathChange } from './model';

/**
 * The size a layer's entry shows: a hardlink shows its target's size (its own tar header
 * says 0). A layer's tar holds a hardlink's target before the link, whichever of the two
 * names that is, so the target is among the same layer's changes. Only what is shown
 * changes: the sums (tar bytes, waste) keep counting a hardlink's bytes once, at its target.
 */
export function shownSizes(changes: readonly PathChange[]): (entry: LayerEntry) => number {
  let byPath: Map<string, LayerEntry> | undefined;
  return (entry) => {
    if (entry.type !== 'hardlink') return entry.size;
    byPath ??= new Map(changes.map((change) => [change.path, change.entry]));
    return byPath.get(entry.linkTarget ?? '')?.size ?? 0;
  };
}
