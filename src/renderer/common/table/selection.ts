/** The rows chosen for a bulk action, and the row a shift-click extends from. */
export interface Selection {
  selected: ReadonlySet<string>;
  anchor: string | undefined;
}

export const emptySelection: Selection = { selected: new Set(), anchor: undefined };

export interface PointerModifiers {
  /** Shift: extend from the anchor to this row. */
  range: boolean;
  /** Ctrl or Cmd: add or remove this row, keep the rest. */
  toggle: boolean;
}

/**
 * What a click (or Space, with the same modifiers) on row `id` does, as in file managers: a
 * plain click selects only that row, Ctrl/Cmd toggles it, Shift selects the range from the
 * anchor in the order shown (adding to the selection with Ctrl/Cmd as well).
 */
export function selectRow(
  current: Selection,
  orderedIds: readonly string[],
  id: string,
  modifiers: PointerModifiers,
): Selection {
  if (modifiers.range && current.anchor !== undefined) {
    const from = orderedIds.indexOf(current.anchor);
    const to = orderedIds.indexOf(id);
    if (from >= 0 && to >= 0) {
      const range = orderedIds.slice(Math.min(from, to), Math.max(from, to) + 1);
      const base = modifiers.toggle ? current.selected : new Set<string>();
      return { selected: new Set([...base, ...range]), anchor: current.anchor };
    }
  }
  if (modifiers.toggle) {
    const selected = new Set(current.selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    return { selected, anchor: id };
  }
  return { selected: new Set([id]), anchor: id };
}

/** Select all shown rows, or none when all of them already are. */
export function toggleAll(current: Selection, orderedIds: readonly string[]): Selection {
  const allSelected = orderedIds.length > 0 && orderedIds.every((id) => current.selected.has(id));
  return allSelected ? emptySelection : { selected: new Set(orderedIds), anchor: orderedIds[0] };
}

/** Rows that vanished (removed, filtered out) leave the selection. */
export function keepShown(current: Selection, orderedIds: readonly string[]): Selection {
  const shown = new Set(orderedIds);
  const selected = new Set([...current.selected].filter((id) => shown.has(id)));
  if (selected.size === current.selected.size) return current;
  const anchor =
    current.anchor !== undefined && shown.has(current.anchor) ? current.anchor : undefined;
  return { selected, anchor };
}

/** The row keyboard focus moves to: arrows by one, Page keys by a page, Home and End. */
export function moveFocus(
  index: number,
  count: number,
  key: string,
  pageSize: number,
): number | undefined {
  if (count === 0) return undefined;
  const target =
    key === 'ArrowDown'
      ? index + 1
      : key === 'ArrowUp'
        ? index - 1
        : key === 'PageDown'
          ? index + pageSize
          : key === 'PageUp'
            ? index - pageSize
            : key === 'Home'
              ? 0
              : key === 'End'
                ? count - 1
                : undefined;
  return target === undefined ? undefined : Math.min(count - 1, Math.max(0, target));
}

/** A group header's checkbox: selects every row of the group, or none once all of them are. */
export function toggleGroup(current: Selection, memberIds: readonly string[]): Selection {
  if (memberIds.length === 0) return current;
  const selected = new Set(current.selected);
  const allSelected = memberIds.every((id) => selected.has(id));
  for (const id of memberIds) {
    if (allSelected) selected.delete(id);
    else selected.add(id);
  }
  return { selected, anchor: allSelected ? current.anchor : memberIds[0] };
}
