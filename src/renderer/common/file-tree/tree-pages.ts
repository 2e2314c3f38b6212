import type { FileTreeEntry, FileTreePage, TreeMark } from '../../../shared';

export type TreeSort = 'name' | 'size';

/** What a tree shows: the marks chosen, a search ('' for none) and an order. */
export interface TreeView {
  marks: readonly TreeMark[];
  search: string;
  sort: TreeSort;
}

/** One page a tree asks its source for: a directory's children, or a search. */
export interface FileTreeQuery extends TreeView {
  directory: string;
  offset: number;
  limit: number;
}

/** Where a tree's pages come from: the main process, or a list held in the renderer. */
export type FileTreeLoader = (query: FileTreeQuery, signal: AbortSignal) => Promise<FileTreePage>;

export const pageSize = 500;
/** Matches a search shows at most; the rest are counted. */
export const searchLimit = 1000;

/** What is known of one directory (of the search, for '' while searching). */
export interface DirectoryPages {
  entries: readonly FileTreeEntry[];
  /** Children there are under the view; for a search, the matches. */
  total?: number;
  complete: boolean;
  loading: boolean;
  error?: string;
}

export interface TreeSnapshot {
  directories: ReadonlyMap<string, DirectoryPages>;
  /** The whole tree's entries per mark, from the last page read. */
  counts?: Record<TreeMark, number>;
}

/**
 * The pages of one tree under one view, loaded as they are asked for: a directory's first
 * page when it is shown expanded, its next when the end of what is loaded comes on screen.
 * Each change gives a new snapshot (for useSyncExternalStore).
 */
export class TreePages {
  private current: TreeSnapshot = { directories: new Map() };
  private readonly listeners = new Set<() => void>();
  private readonly inFlight = new Map<string, AbortController>();

  constructor(
    private readonly load: FileTreeLoader,
    private readonly view: TreeView,
  ) {}

  get searching(): boolean {
    return this.view.search.trim() !== '';
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): TreeSnapshot => this.current;

  /**
   * Loads a directory's first page, or its next: nothing while one is on its way, once all
   * are loaded, or after a failure until it is retried.
   */
  request(directory: string): void {
    const known = this.current.directories.get(directory);
    if (known && (known.loading || known.complete || known.error !== undefined)) return;
    const entries = known?.entries ?? [];
    const controller = new AbortController();
    this.inFlight.set(directory, controller);
    this.set(directory, { entries, total: known?.total, complete: false, loading: true });
    const limit = this.searching ? searchLimit : pageSize;
    const query = { ...this.view, directory, offset: entries.length, limit };
    this.load(query, controller.signal).then(
      (page) => {
        if (!this.isLatest(directory, controller)) return;
        this.inFlight.delete(directory);
        const all = [...entries, ...page.entries];
        const complete = this.searching || page.entries.length === 0 || all.length >= page.total;
        this.set(directory, { entries: all, total: page.total, complete, loading: false }, page);
      },
      (error: unknown) => {
        if (!this.isLatest(directory, controller)) return;
        this.inFlight.delete(directory);
        const message = error instanceof Error ? error.message : String(error);
        this.set(directory, {
          entries,
          total: known?.total,
          complete: false,
          loading: false,
          error: message,
        });
      },
    );
  }

  retry(directory: string): void {
    const known = this.current.directories.get(directory);
    if (known?.error === undefined) return;
    this.set(directory, { ...known, error: undefined });
    this.request(directory);
  }

  /** Stops what is on its way; what was asked for can be asked for again. */
  abort(): void {
    for (const [directory, controller] of this.inFlight) {
      controller.abort();
      const known = this.current.directories.get(directory);
      if (known) this.set(directory, { ...known, loading: false });
    }
    this.inFlight.clear();
  }

  /**
   * Whether an answer is the one the directory waits for: a source may answer a stopped
   * request late, even after the request that replaced it, and such an answer (built on the
   * entries of its time) must never overwrite a newer one.
   */
  private isLatest(directory: string, controller: AbortController): boolean {
    return !controller.signal.aborted && this.inFlight.get(directory) === controller;
  }

  private set(directory: string, pages: DirectoryPages, page?: FileTreePage): void {
    const directories = new Map(this.current.directories);
    directories.set(directory, pages);
    this.current = { directories, counts: page?.counts ?? this.current.counts };
    for (const listener of [...this.listeners]) listener();
  }
}

/** Views of one tree kept, so that going back to one (a search cleared) shows it at once. */
const viewsKept = 8;

/** The pages of one tree under each view it was shown with, the most recent few. */
export class TreeViews {
  private readonly views = new Map<string, TreePages>();

  constructor(private readonly load: FileTreeLoader) {}

  get(view: TreeView): TreePages {
    const key = JSON.stringify([[...view.marks].sort(), view.search.trim(), view.sort]);
    const pages = this.views.get(key) ?? new TreePages(this.load, view);
    this.views.delete(key);
    this.views.set(key, pages);
    for (const [oldest, dropped] of this.views) {
      if (this.views.size <= viewsKept) break;
      dropped.abort();
      this.views.delete(oldest);
    }
    return pages;
  }
}
