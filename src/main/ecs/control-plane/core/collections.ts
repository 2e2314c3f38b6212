import { ownEntry, type EcsChange, type EcsState } from './state';

/**
 * The records of one resource kind that core does not name (services, load balancers,
 * target groups, …), kept in `state.collections[name]` by key and changed through the
 * generic `record.put` and `record.delete` changes: a new kind of resource declares its
 * collection in its own folder, with no change to the state's type, its changes, the journal
 * or the snapshots. Records are replaced, never changed in place.
 */
export interface Collection<T> {
  readonly name: string;
  get(state: EcsState, key: string): T | undefined;
  /** Every record, in the order they were first put. */
  all(state: EcsState): T[];
  put(record: T): EcsChange;
  delete(key: string): EcsChange;
}

export function defineCollection<T extends object>(
  name: string,
  keyOf: (record: T) => string,
): Collection<T> {
  const recordsOf = (state: EcsState) =>
    state.collections ? ownEntry(state.collections, name) : undefined;
  return {
    name,
    get: (state, key) => {
      const records = recordsOf(state);
      return records ? (ownEntry(records, key) as T | undefined) : undefined;
    },
    all: (state) => Object.values(recordsOf(state) ?? {}) as T[],
    put: (record) => ({ kind: 'record.put', collection: name, key: keyOf(record), record }),
    delete: (key) => ({ kind: 'record.delete', collection: name, key }),
  };
}
