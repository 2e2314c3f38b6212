export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo';

/** One entry of a layer's tar, with what is needed to compare it, never its contents. */
export interface LayerEntry {
  path: string;
  type: EntryType;
  /** Bytes in the tar header: 0 for links, devices and fifos. */
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** Symlink or hardlink target. */
  linkTarget?: string;
  /** A hash of the contents of a regular file. */
  contentHash?: string;
}

/** A layer as its tar says it: entries in order (a path may repeat), and its whiteouts. */
export interface LayerContents {
  entries: LayerEntry[];
  /** Paths deleted from the lower layers by `.wh.NAME`. */
  deletions: string[];
  /** Directories whose lower contents `.wh..wh..opq` hides. */
  opaqueDirectories: string[];
}

export type ChangeKind = 'added' | 'modified' | 'removed' | 'unmodified';

export interface PathChange {
  path: string;
  kind: ChangeKind;
  /** The entry after the layer (for removed: before it). */
  entry: LayerEntry;
}

/** What one layer did to the filesystem below it. */
export interface LayerChanges {
  /** Every path the layer touched, in path order, unmodified ones included. */
  changes: PathChange[];
  counts: Record<ChangeKind, number>;
  /** Sum of the entries' tar header sizes, repeated paths included. */
  tarBytes: number;
  /** Size of the stacked filesystem after the layer minus before it. */
  deltaBytes: number;
}

/** One entry of a layer's file tree; trees come sorted by path, parents first. */
export interface FileTreeNode {
  path: string;
  name: string;
  /** Index of the parent directory's node; -1 at the root. */
  parent: number;
  type: EntryType;
  /** What the layer did to the path; absent for a lower layer's entry it left alone. */
  kind?: ChangeKind;
  /** A hardlink shows its target's size. */
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkTarget?: string;
  /** A directory that is there only because something below it is. */
  implicit?: boolean;
}
