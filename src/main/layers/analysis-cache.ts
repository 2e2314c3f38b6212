/** What the cache needs of an analysis: something to end when it is dropped. */
export interface Terminable {
  terminate(): void;
}

/**
 * Finished analyses by image id, also reachable by the names they were asked for. The least
 * recently used image goes first when there are more than `capacity`; a dropped entry is
 * terminated (its worker ends and its memory goes with it).
 */
export class AnalysisCache<T extends Terminable> {
  private readonly byId = new Map<string, { value: T; names: Set<string> }>();
  private readonly idOfName = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  get(nameOrId: string): T | undefined {
    const id = this.byId.has(nameOrId) ? nameOrId : this.idOfName.get(nameOrId);
    const entry = id === undefined ? undefined : this.byId.get(id);
    if (!entry || id === undefined) return undefined;
    this.byId.delete(id);
    this.byId.set(id, entry);
    return entry.value;
  }

  put(id: string, names: readonly string[], value: T): void {
    const previous = this.byId.get(id);
    if (previous && previous.value !== value) this.drop(id);
    const entry = this.byId.get(id) ?? { value, names: new Set<string>() };
    for (const name of names) {
      if (name === id) continue;
      entry.names.add(name);
      this.idOfName.set(name, id);
    }
    this.byId.delete(id);
    this.byId.set(id, entry);
    while (this.byId.size > this.capacity) this.drop(this.byId.keys().next().value as string);
  }

  /** Forgets an image (removed or untagged): its analysis ends. */
  drop(id: string): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    this.byId.delete(id);
    for (const name of entry.names) {
      if (this.idOfName.get(name) === id) this.idOfName.delete(name);
    }
    entry.value.terminate();
  }

  /** Every id held, least recently used first. */
  ids(): string[] {
    return [...this.byId.keys()];
  }

  clear(): void {
    for (const id of this.ids()) this.drop(id);
  }
}

/**
 * Values worked out once per key and kept while they are among the `capacity` most recently
 * used: an analysis keeps the indexed file trees of the layers last looked at.
 */
export class RecentlyUsed<V> {
  private readonly values = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string, make: () => V): V {
    const value = this.values.has(key) ? (this.values.get(key) as V) : make();
    this.values.delete(key);
    this.values.set(key, value);
    while (this.values.size > this.capacity) {
      this.values.delete(this.values.keys().next().value as string);
    }
    return value;
  }
}
