/** What the layout needs to know of a column. */
export interface LayoutColumn {
  id: string;
  header: string;
  /** A fixed width; left out, the column takes a share of the room left over. */
  width?: number;
  /** The least a column without a fixed width gets. */
  minWidth?: number;
  /**
   * What names a row (name, image, task id): never hidden, at least as wide as any other
   * column shown, and twice the share of the room left over.
   */
  identifying?: boolean;
  /** Hidden first when the room runs out: a higher number goes sooner (the default is 1). */
  priority?: number;
  sortable?: boolean;
}

/** The user's word on a column: shown or hidden whatever the width; absent, the width decides. */
export type ColumnChoices = Readonly<Record<string, boolean>>;

export interface ColumnLayout {
  /** The width of every column shown, in the order given. */
  widths: ReadonlyMap<string, number>;
  /** The columns hidden, by choice or for want of room. */
  hidden: ReadonlySet<string>;
  /** The sum of the columns shown and the fixed part (`reserved`). */
  tableWidth: number;
}

/** The least width of an identifying column, whatever the others. */
export const identifyingMinWidth = 160;
/** The least width of any other column that takes a share. */
export const flexibleMinWidth = 120;

// The header's font (0.875 rem, bold) averages under 8 px a character; a cell pads 16 px a side
// and a sort arrow takes 26 px more.
const headerCharWidth = 8;
const cellPadding = 32;
const sortArrowWidth = 26;

/** Room for the header's text, so that no column is narrower than its header. */
export function headerWidth(column: Pick<LayoutColumn, 'header' | 'sortable'>): number {
  return (
    Math.ceil(column.header.length * headerCharWidth) +
    cellPadding +
    (column.sortable ? sortArrowWidth : 0)
  );
}

function fixedWidth(column: LayoutColumn): number | undefined {
  if (column.width === undefined || column.identifying) return undefined;
  return Math.max(column.width, headerWidth(column));
}

function leastWidth(column: LayoutColumn, widestFixed: number): number {
  const fixed = fixedWidth(column);
  if (fixed !== undefined) return fixed;
  const own = Math.max(
    column.minWidth ?? 0,
    column.width ?? 0,
    column.identifying ? identifyingMinWidth : flexibleMinWidth,
    headerWidth(column),
  );
  return column.identifying ? Math.max(own, widestFixed) : own;
}

function leastWidths(shown: readonly LayoutColumn[]): Map<string, number> {
  const widestFixed = Math.max(0, ...shown.map((column) => fixedWidth(column) ?? 0));
  return new Map(shown.map((column) => [column.id, leastWidth(column, widestFixed)]));
}

const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);

/**
 * Lays columns out in `available` pixels (undefined until measured) after `reserved` ones
 * (a checkbox column, the column chooser). Columns the user did not choose are hidden, lowest
 * priority and rightmost first, while the least widths of those shown do not fit; then the
 * room left over goes to the columns without a fixed width. Once only chosen and identifying
 * columns are left, the table is as wide as they need and scrolls sideways.
 */
export function layoutColumns(
  columns: readonly LayoutColumn[],
  available: number | undefined,
  reserved: number,
  choices: ColumnChoices,
): ColumnLayout {
  const hidden = new Set(
    columns
      .filter((column) => !column.identifying && choices[column.id] === false)
      .map((c) => c.id),
  );
  const shownColumns = () => columns.filter((column) => !hidden.has(column.id));
  // Lowest priority (highest number) first; among equals, the rightmost first.
  const hideOrder = columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => !column.identifying && choices[column.id] === undefined)
    .sort((a, b) => (b.column.priority ?? 1) - (a.column.priority ?? 1) || b.index - a.index)
    .map(({ column }) => column.id);

  let least = leastWidths(shownColumns());
  if (available !== undefined && available > 0) {
    for (const id of hideOrder) {
      if (reserved + sum(least.values()) <= available) break;
      hidden.add(id);
      least = leastWidths(shownColumns());
    }
  }

  const shown = shownColumns();
  const needed = reserved + sum(least.values());
  const spare = available === undefined ? 0 : Math.max(0, available - needed);
  const sharing = shown.filter((column) => fixedWidth(column) === undefined);
  const shares = (column: LayoutColumn) => (column.identifying ? 2 : 1);
  const totalShares = sum(sharing.map(shares));
  const widths = new Map<string, number>();
  for (const column of shown) {
    const base = least.get(column.id) ?? 0;
    const shared = totalShares > 0 && sharing.includes(column);
    const extra = shared ? (spare * shares(column)) / totalShares : 0;
    widths.set(column.id, Math.floor(base + extra));
  }
  // With every column fixed, the last one takes what is left, so the table fills its box.
  const last = shown.at(-1);
  if (totalShares === 0 && last !== undefined && spare > 0) {
    widths.set(last.id, Math.floor((widths.get(last.id) ?? 0) + spare));
  }
  return { widths, hidden, tableWidth: reserved + sum(widths.values()) };
}
