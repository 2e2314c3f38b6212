import type { DockerEvent } from '../../../shared';

/** One row of the event log: the event, numbered in arrival order so rows keep their identity. */
export interface EventRow {
  seq: number;
  event: DockerEvent;
}

/** What the engine calls the object: its name attribute, else a short id. */
export function actorName(event: DockerEvent): string {
  const { attributes } = event;
  const name = attributes.name ?? attributes.container ?? attributes.image;
  if (name) return name;
  const id = event.id.replace(/^sha256:/, '');
  // Only a hex id is shortened: a volume's id is its name, and is shown whole.
  return /^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id || '—';
}

export interface EventFilter {
  /** Object types to show; empty shows all. */
  types: ReadonlySet<string>;
  text: string;
}

export function matchesFilter(event: DockerEvent, filter: EventFilter): boolean {
  if (filter.types.size > 0 && !filter.types.has(event.type)) return false;
  const needle = filter.text.trim().toLowerCase();
  if (needle === '') return true;
  return [event.type, event.action, event.id, actorName(event), ...Object.values(event.attributes)]
    .join(' ')
    .toLowerCase()
    .includes(needle);
}

/** Newest first, as a log reads best live. */
export function newestFirst(rows: readonly EventRow[]): EventRow[] {
  return [...rows].sort((a, b) => b.event.time - a.event.time || b.seq - a.seq);
}
