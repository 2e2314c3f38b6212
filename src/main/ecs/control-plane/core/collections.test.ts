import { describe, expect, it } from 'vitest';
import { defineCollection } from './collections';
import {
  applyEcsChange,
  applyEcsChangeInPlace,
  applyEcsJournalChange,
  emptyEcsState,
  journalChanges,
  type EcsChange,
} from './state';
import { ecsSnapshotPieces } from './state-json';

interface WidgetRecord {
  widgetArn: string;
  size: number;
}

const widgets = defineCollection<WidgetRecord>('widgets', (widget) => widget.widgetArn);
const widget = (id: number, size = 1): WidgetRecord => ({ widgetArn: `arn:widget/${id}`, size });

describe('a collection a resource module declares', () => {
  it('puts, replaces and deletes its records through generic changes', () => {
    const state = emptyEcsState();
    expect(widgets.all(state)).toEqual([]);
    applyEcsChangeInPlace(state, widgets.put(widget(1)));
    applyEcsChangeInPlace(state, widgets.put(widget(2)));
    applyEcsChangeInPlace(state, widgets.put(widget(1, 5)));
    expect(widgets.get(state, 'arn:widget/1')).toEqual(widget(1, 5));
    expect(widgets.all(state)).toEqual([widget(1, 5), widget(2)]);
    applyEcsChangeInPlace(state, widgets.delete('arn:widget/2'));
    expect(widgets.all(state)).toEqual([widget(1, 5)]);
    expect(widgets.get(state, 'constructor')).toBeUndefined();
    expect(widgets.get(emptyEcsState(), 'arn:widget/1')).toBeUndefined();
  });

  it('leaves the state it was applied to alone when applied to a copy', () => {
    const before = applyEcsChange(emptyEcsState(), widgets.put(widget(1)));
    const after = applyEcsChange(before, widgets.put(widget(2)));
    expect(widgets.all(before)).toEqual([widget(1)]);
    expect(widgets.all(after)).toEqual([widget(1), widget(2)]);
  });

  it('goes through the journal and the snapshot like the core kinds', () => {
    const changes: EcsChange[] = [widgets.put(widget(1)), widgets.put(widget(2, 3))];
    const live = emptyEcsState();
    const replayed = emptyEcsState();
    for (const change of journalChanges(live, changes)) {
      applyEcsJournalChange(replayed, JSON.parse(JSON.stringify(change)));
    }
    for (const change of changes) applyEcsChangeInPlace(live, change);
    expect(replayed).toEqual(live);
    const snapshot = [...ecsSnapshotPieces(live)].join('');
    expect(snapshot).toBe(JSON.stringify(live));
    // Changed in place since: a later snapshot is not written from what an earlier one cached.
    applyEcsChangeInPlace(live, widgets.put(widget(3)));
    applyEcsChangeInPlace(live, widgets.delete('arn:widget/1'));
    expect([...ecsSnapshotPieces(live)].join('')).toBe(JSON.stringify(live));
    expect(JSON.parse(snapshot)).toEqual(replayed);
  });

  it('leaves the snapshot of a state without collections as it was', () => {
    const state = emptyEcsState();
    expect(Object.keys(JSON.parse([...ecsSnapshotPieces(state)].join('')))).not.toContain(
      'collections',
    );
  });
});
