import { describe, expect, it } from 'vitest';
import {
  emptySelection,
  keepShown,
  moveFocus,
  selectRow,
  toggleAll,
  toggleGroup,
  type Selection,
} from './selection';

const ids = ['a', 'b', 'c', 'd', 'e'];
const plain = { range: false, toggle: false };
const ctrl = { range: false, toggle: true };
const shift = { range: true, toggle: false };
const selected = (selection: Selection) => [...selection.selected].sort();

describe('row selection', () => {
  it('selects only the clicked row on a plain click', () => {
    const one = selectRow(emptySelection, ids, 'b', plain);
    expect(selected(selectRow(one, ids, 'd', plain))).toEqual(['d']);
  });

  it('toggles rows with Ctrl/Cmd and keeps the others', () => {
    let selection = selectRow(emptySelection, ids, 'a', plain);
    selection = selectRow(selection, ids, 'c', ctrl);
    expect(selected(selection)).toEqual(['a', 'c']);
    selection = selectRow(selection, ids, 'a', ctrl);
    expect(selected(selection)).toEqual(['c']);
  });

  it('selects a range from the anchor with Shift, in the order shown, either direction', () => {
    const anchored = selectRow(emptySelection, ids, 'b', plain);
    expect(selected(selectRow(anchored, ids, 'd', shift))).toEqual(['b', 'c', 'd']);
    const upwards = selectRow(selectRow(emptySelection, ids, 'd', plain), ids, 'a', shift);
    expect(selected(upwards)).toEqual(['a', 'b', 'c', 'd']);
    // Shift again from the same anchor replaces the range; with Ctrl it adds to what is there.
    const shorter = selectRow(selectRow(anchored, ids, 'e', shift), ids, 'c', shift);
    expect(selected(shorter)).toEqual(['b', 'c']);
    const added = selectRow(selectRow(anchored, ids, 'e', ctrl), ids, 'a', {
      range: true,
      toggle: true,
    });
    expect(selected(added)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('treats Shift without an anchor as a plain click', () => {
    expect(selected(selectRow(emptySelection, ids, 'c', shift))).toEqual(['c']);
  });

  it('selects all shown rows, and none when all were', () => {
    const all = toggleAll(emptySelection, ids);
    expect(selected(all)).toEqual(ids);
    expect(selected(toggleAll(all, ids))).toEqual([]);
    expect(selected(toggleAll(emptySelection, []))).toEqual([]);
  });

  it('drops rows that are no longer shown', () => {
    const selection = selectRow(selectRow(emptySelection, ids, 'a', plain), ids, 'c', ctrl);
    const kept = keepShown(selection, ['b', 'c']);
    expect(selected(kept)).toEqual(['c']);
    expect(kept.anchor).toBe('c');
    expect(keepShown(kept, ['b', 'c'])).toBe(kept);
  });

  it('moves keyboard focus within bounds', () => {
    expect(moveFocus(0, 5, 'ArrowUp', 3)).toBe(0);
    expect(moveFocus(0, 5, 'ArrowDown', 3)).toBe(1);
    expect(moveFocus(1, 5, 'PageDown', 3)).toBe(4);
    expect(moveFocus(4, 5, 'PageDown', 3)).toBe(4);
    expect(moveFocus(3, 5, 'Home', 3)).toBe(0);
    expect(moveFocus(0, 5, 'End', 3)).toBe(4);
    expect(moveFocus(0, 5, 'x', 3)).toBeUndefined();
    expect(moveFocus(0, 0, 'ArrowDown', 3)).toBeUndefined();
  });

  it('selects a whole group from its header, and clears it once all of it is selected', () => {
    const some = selectRow(emptySelection, ids, 'a', plain);
    const group = toggleGroup(some, ['c', 'd']);
    expect(selected(group)).toEqual(['a', 'c', 'd']);
    expect(selected(toggleGroup(group, ['c', 'd']))).toEqual(['a']);
    expect(toggleGroup(group, [])).toBe(group);
  });
});
