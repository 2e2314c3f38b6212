import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DataTable, type DataColumn } from './DataTable';
import { emptySelection, type Selection } from './selection';

interface Item {
  id: string;
  name: string;
  size: number;
  owner: string;
}

const columns: DataColumn<Item>[] = [
  { id: 'name', header: 'Name', sortable: true, identifying: true, cell: (item) => item.name },
  { id: 'size', header: 'Size', width: 60, sortable: true, cell: (item) => item.size },
  {
    id: 'owner',
    header: 'Owner',
    width: 300,
    priority: 2,
    cell: (item) => item.owner.split('@')[0],
    title: (item) => item.owner,
  },
];
const items: Item[] = ['alpha', 'beta', 'gamma'].map((name, index) => ({
  id: name,
  name,
  size: index,
  owner: `${name}@example.com`,
}));

// jsdom lays nothing out: the table is as wide as each test says, through this observer.
let tableWidth = 1000;
class FixedWidthObserver {
  constructor(private readonly callback: (entries: never[]) => void) {}
  observe() {
    this.callback([]);
  }
  disconnect() {}
  unobserve() {}
}

beforeEach(() => {
  tableWidth = 1000;
  // jsdom scrolls nothing.
  Object.defineProperty(HTMLElement.prototype, 'scrollTo', {
    value: () => undefined,
    configurable: true,
  });
  localStorage.clear();
  vi.stubGlobal('ResizeObserver', FixedWidthObserver);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(function (
    this: HTMLElement,
  ) {
    return this.getAttribute('role') === 'region' ? tableWidth : 0;
  });
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (
    this: HTMLElement,
  ) {
    return this.getAttribute('role') === 'region' ? 400 : 0;
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function Table({
  rows = items,
  mode,
  initial = emptySelection,
  onChange,
}: {
  rows?: Item[];
  mode?: 'single' | 'multiple';
  initial?: Selection;
  onChange?(next: Selection): void;
}) {
  const [selection, setSelection] = useState(initial);
  return (
    <DataTable
      label="Items"
      rows={rows}
      columns={columns}
      getRowId={(item) => item.id}
      sort={{ column: 'name', direction: 'asc' }}
      onSortBy={() => undefined}
      selection={{
        value: selection,
        mode,
        onChange: (next) => {
          setSelection(next);
          onChange?.(next);
        },
      }}
    />
  );
}

const headerControls = () =>
  screen
    .getAllByRole('columnheader')
    .flatMap((header) => [...header.querySelectorAll<HTMLElement>('[data-header-control]')]);

describe('DataTable', () => {
  it('makes the header row one Tab stop, and the arrow keys move along it', async () => {
    const user = userEvent.setup();
    render(<Table />);
    const controls = headerControls();
    // Select all, Name, Size (Owner does not sort) and the column chooser.
    expect(controls).toHaveLength(4);
    expect(controls.filter((control) => control.tabIndex === 0)).toHaveLength(1);

    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Items' }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'Select all' }));
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Name' }));
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Choose columns' }));
    // The stop stays where the user left it.
    await user.tab({ shift: true });
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Choose columns' }));
    expect(headerControls().filter((control) => control.tabIndex === 0)).toHaveLength(1);
  });

  it('selects with Ctrl+A only the rows shown, dropping chosen rows that are not', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    const hiddenChosen: Selection = { selected: new Set(['delta']), anchor: 'delta' };
    render(<Table rows={items.slice(0, 2)} initial={hiddenChosen} onChange={onChange} />);
    screen.getByRole('region', { name: 'Items' }).focus();
    await user.keyboard('{Control>}a{/Control}');
    expect([...(onChange.mock.lastCall?.[0] as Selection).selected]).toEqual(['alpha', 'beta']);
    await user.keyboard('{Control>}a{/Control}');
    expect((onChange.mock.lastCall?.[0] as Selection).selected.size).toBe(0);
  });

  it('has no checkboxes in single mode: a click or the arrow keys choose one row', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Table mode="single" onChange={onChange} />);
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    await user.click(await screen.findByText('beta', { selector: 'td[data-column="name"]' }));
    expect([...(onChange.mock.lastCall?.[0] as Selection).selected]).toEqual(['beta']);
    await user.keyboard('{ArrowDown}');
    expect([...(onChange.mock.lastCall?.[0] as Selection).selected]).toEqual(['gamma']);
    await user.keyboard('{Control>}a{/Control}');
    expect([...(onChange.mock.lastCall?.[0] as Selection).selected]).toEqual(['gamma']);
  });

  it('hides low-priority columns when narrow; the chooser shows them again, remembered', async () => {
    const user = userEvent.setup();
    tableWidth = 500;
    const { unmount } = render(<Table />);
    expect(screen.queryByRole('columnheader', { name: 'Owner' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Choose columns' }));
    const menu = screen.getByRole('menu', { name: 'Columns' });
    const owner = within(menu).getByRole('menuitemcheckbox', { name: 'Owner' });
    expect(owner.getAttribute('aria-checked')).toBe('false');
    // The identifying column cannot be hidden.
    expect(within(menu).queryByRole('menuitemcheckbox', { name: 'Name' })).toBeNull();
    await user.click(owner);
    expect(owner.getAttribute('aria-checked')).toBe('true');
    await user.keyboard('{Escape}');
    expect(screen.getByRole('columnheader', { name: 'Owner' })).toBeTruthy();

    unmount();
    render(<Table />);
    expect(screen.getByRole('columnheader', { name: 'Owner' })).toBeTruthy();
  });

  it('shows a cell’s full text on hover, and the keyboard row’s cut cells', async () => {
    const user = userEvent.setup();
    render(<Table />);
    // The owner column gives more than it shows.
    await user.hover(screen.getByText('beta', { selector: 'td[data-column="owner"]' }));
    expect(screen.getByTestId('cell-full-text').textContent).toBe('beta@example.com');
    await user.unhover(screen.getByText('beta', { selector: 'td[data-column="owner"]' }));

    // Every element is cut short from here on.
    vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockReturnValue(500);
    screen.getByRole('region', { name: 'Items' }).focus();
    await user.keyboard('{ArrowDown}');
    await act(() => new Promise((done) => requestAnimationFrame(done)));
    const tip = screen.getByTestId('cell-full-text');
    expect(tip.textContent).toContain('Name: alpha');
    expect(tip.textContent).toContain('Owner: alpha@example.com');
  });

  it('never lays a column out narrower than its header', () => {
    render(<Table />);
    const cols = [...document.querySelectorAll('col')].map((col) => parseInt(col.style.width));
    // Select all, Name, Size (60 px asked; its header sorts: 4 letters, padding and the arrow).
    expect(cols[1]).toBeGreaterThanOrEqual(160);
    expect(cols[2]).toBe(90);
  });
});
