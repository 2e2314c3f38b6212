import { describe, expect, it } from 'vitest';
import {
  headerWidth,
  identifyingMinWidth,
  layoutColumns,
  type LayoutColumn,
} from './column-layout';

// The containers table as it was when its Name and Image columns came out 0 px wide at 1024 px.
const containerColumns: LayoutColumn[] = [
  { id: 'name', header: 'Name', sortable: true, identifying: true },
  { id: 'image', header: 'Image', sortable: true, identifying: true },
  { id: 'state', header: 'State', width: 180, sortable: true },
  { id: 'uptime', header: 'Uptime', width: 130, sortable: true, priority: 2 },
  { id: 'cpu', header: 'CPU', width: 80, sortable: true },
  { id: 'memory', header: 'Memory', width: 100, sortable: true },
  { id: 'ports', header: 'Ports', width: 240, priority: 3 },
  { id: 'created', header: 'Created', width: 150, sortable: true, priority: 2 },
];
const checkbox = 48;

describe('layoutColumns', () => {
  it('hides the lowest-priority columns, rightmost first, until the identifying ones fit', () => {
    // 1024 px wide, less the navigation rail and the page padding.
    const layout = layoutColumns(containerColumns, 886, checkbox, {});
    expect([...layout.hidden]).toEqual(['ports', 'created', 'uptime']);
    expect(layout.widths.get('name')).toBeGreaterThanOrEqual(identifyingMinWidth);
    expect(layout.widths.get('image')).toBeGreaterThanOrEqual(identifyingMinWidth);
    expect(layout.tableWidth).toBeLessThanOrEqual(886);
  });

  it('makes the identifying columns the widest, with the spare room going to them', () => {
    const layout = layoutColumns(containerColumns, 1300, checkbox, {});
    const name = layout.widths.get('name') ?? 0;
    for (const [id, width] of layout.widths) {
      if (id !== 'name' && id !== 'image') expect(width).toBeLessThanOrEqual(name);
    }
    expect(layout.tableWidth).toBeGreaterThan(1290);
    expect(layout.tableWidth).toBeLessThanOrEqual(1300);
  });

  it('never gives a column less than its header needs', () => {
    const columns: LayoutColumn[] = [
      { id: 'task', header: 'Task', identifying: true },
      { id: 'pending', header: 'Pending tasks', width: 60, sortable: true },
    ];
    const layout = layoutColumns(columns, 2000, 0, {});
    expect(layout.widths.get('pending')).toBe(headerWidth(columns[1] as LayoutColumn));
  });

  it('keeps a column the user chose to show, and scrolls sideways rather than squeeze it', () => {
    const chosen = { ports: true, state: true, cpu: true, memory: true };
    const layout = layoutColumns(containerColumns, 886, checkbox, chosen);
    expect([...layout.hidden]).toEqual(['created', 'uptime']);
    expect(layout.widths.get('name')).toBeGreaterThanOrEqual(240);
    expect(layout.tableWidth).toBeGreaterThan(886);
  });

  it('hides a column the user chose to hide, however wide the table is', () => {
    const layout = layoutColumns(containerColumns, 3000, checkbox, { cpu: false, name: false });
    expect([...layout.hidden]).toEqual(['cpu']);
    expect(layout.widths.has('name')).toBe(true);
  });

  it('hides nothing before the table is measured', () => {
    const layout = layoutColumns(containerColumns, undefined, checkbox, {});
    expect(layout.hidden.size).toBe(0);
    expect(layout.widths.size).toBe(containerColumns.length);
  });

  it('gives the room left over to the last column when every column is fixed', () => {
    const columns: LayoutColumn[] = [
      { id: 'a', header: 'A', width: 100 },
      { id: 'b', header: 'B', width: 100 },
    ];
    const layout = layoutColumns(columns, 500, 0, {});
    expect(layout.widths.get('b')).toBe(400);
  });
});
