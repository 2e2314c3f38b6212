import UnfoldLess from '@mui/icons-material/UnfoldLess';
import UnfoldMore from '@mui/icons-material/UnfoldMore';
import {
  Box,
  IconButton,
  Stack,
  ToggleButton,
  ToggleButtonGroup,
  Tooltip,
  Typography,
} from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { TreeMark } from '../../../shared';
import { SearchField } from '../SearchField';
import { FileTreeRowView, rowHeight } from './FileTreeRow';
import { MarkIcon, marks as markLooks } from './marks';
import { searchLimit, TreeViews, type FileTreeLoader, type TreeSort } from './tree-pages';
import { browseRows, searchRows, type TreeRow } from './tree-rows';

const changesOnly: TreeMark[] = ['added', 'modified', 'removed'];
const searchDelayMs = 150;

export interface FileTreeProps {
  /** Says which tree this is: a new key starts it afresh (kinds shown, opened directories). */
  sourceKey: string;
  /** Gives pages of the tree; a new function reloads what is shown. */
  load: FileTreeLoader;
  /** The marks the kind filter offers; "changes only" is chosen at first. */
  available: readonly TreeMark[];
  label: string;
  /** What to say when the source has no entry at all. */
  emptyText: string;
  /** More controls beside the kind filter. */
  toolbar?: ReactNode;
}

/**
 * A file tree read page by page: the top level first, each directory's children once it is
 * opened (or on screen while "expand all" holds), the kinds, the search and the order applied
 * by the source. Each entry is marked added, modified, removed, unmodified or lower; rows are
 * virtualised and the keyboard walks them.
 */
export function FileTree({ sourceKey, load, available, label, emptyText, toolbar }: FileTreeProps) {
  const [shown, setShown] = useState<TreeMark[]>(changesOnly);
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<TreeSort>('name');
  const [expandAll, setExpandAll] = useState(true);
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  const [focused, setFocused] = useState(0);
  const [keyOfToggles, setKeyOfToggles] = useState(sourceKey);
  if (keyOfToggles !== sourceKey) {
    // Another tree: what was opened in the last one means nothing here.
    setKeyOfToggles(sourceKey);
    setToggled(new Set());
    setFocused(0);
  }
  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchText), searchDelayMs);
    return () => clearTimeout(timer);
  }, [searchText]);

  // A cleared search shows the tree at once; typing waits for a pause.
  const searched = searchText.trim() === '' ? '' : search;
  const views = useMemo(() => new TreeViews(load), [load]);
  // A kind this tree does not offer (lower, once the aggregated view is off) is not asked for.
  const marks = useMemo(() => shown.filter((mark) => available.includes(mark)), [shown, available]);
  const store = useMemo(
    () => views.get({ marks, search: searched, sort }),
    [views, marks, searched, sort],
  );
  const snapshot = useSyncExternalStore(store.subscribe, store.snapshot);
  useEffect(() => () => store.abort(), [store]);
  const [viewShown, setViewShown] = useState(store);
  if (viewShown !== store) {
    // Another order, search or filter starts at the top: the old offset means nothing in it.
    setViewShown(store);
    setFocused(0);
  }
  const [lastCounts, setLastCounts] = useState<{ key: string; counts: Record<TreeMark, number> }>();
  if (snapshot.counts && lastCounts?.counts !== snapshot.counts) {
    setLastCounts({ key: sourceKey, counts: snapshot.counts });
  }
  const counts = lastCounts?.key === sourceKey ? lastCounts.counts : undefined;

  const fresh = useMemo(
    () =>
      store.searching
        ? searchRows(snapshot, toggled)
        : browseRows(snapshot, { expandAll, toggled }),
    [store, snapshot, expandAll, toggled],
  );
  const root = snapshot.directories.get('');
  const rootSettled =
    root !== undefined && (root.complete || root.entries.length > 0 || root.error !== undefined);
  const [held, setHeld] = useState<{ key: string; rows: TreeRow[] }>({ key: sourceKey, rows: [] });
  if (rootSettled && held.rows !== fresh) setHeld({ key: sourceKey, rows: fresh });
  // Until the top level of a new filter, search or order is read, the last rows stay (and
  // with them the focus).
  const rows = !rootSettled && held.key === sourceKey && held.rows.length > 0 ? held.rows : fresh;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [store]);
  const items = virtualizer.getVirtualItems();
  const firstShown = items[0]?.index ?? 0;
  const lastShown = items.at(-1)?.index ?? 0;
  useEffect(() => {
    // The top level, and what is pending on screen; the rest waits until it is scrolled to.
    store.request('');
    for (let index = firstShown; index <= lastShown; index++) {
      const row = rows[index];
      if (row?.type === 'pending' && row.error === undefined) store.request(row.directory);
    }
  }, [store, rows, firstShown, lastShown]);

  const toggle = (path: string) =>
    setToggled((previous) => {
      const next = new Set(previous);
      if (!next.delete(path)) next.add(path);
      return next;
    });
  const setAll = (open: boolean) => {
    setExpandAll(open);
    setToggled(new Set());
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const row = rows[focused];
    const move = (to: number) => {
      const next = Math.max(0, Math.min(rows.length - 1, to));
      setFocused(next);
      virtualizer.scrollToIndex(next);
      scrollRef.current?.querySelector<HTMLElement>(`[data-row="${next}"]`)?.focus();
    };
    const entry = row?.type === 'entry' ? row : undefined;
    if (event.key === 'ArrowDown') move(focused + 1);
    else if (event.key === 'ArrowUp') move(focused - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(rows.length - 1);
    else if (entry?.expandable && event.key === 'ArrowRight' && !entry.expanded)
      toggle(entry.entry.path);
    else if (entry?.expanded && event.key === 'ArrowLeft') toggle(entry.entry.path);
    else if (entry?.expandable && event.key === 'Enter') toggle(entry.entry.path);
    else if (row?.type === 'pending' && row.error !== undefined && event.key === 'Enter')
      store.retry(row.directory);
    else return;
    event.preventDefault();
  };

  const loadedNothing = root?.complete === true && root.entries.length === 0;
  const treeIsEmpty = counts !== undefined && Object.values(counts).every((count) => count === 0);
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, minHeight: 0, flex: 1 }}>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <ToggleButtonGroup
          size="small"
          value={shown}
          onChange={(_event, next: TreeMark[]) => setShown(next)}
          aria-label="Kinds of entry shown"
        >
          {available.map((mark) => (
            <ToggleButton key={mark} value={mark} sx={{ gap: 0.5, py: 0.25 }}>
              <MarkIcon mark={mark} />
              {markLooks[mark].label}
              <Typography component="span" variant="caption" color="text.secondary">
                {counts?.[mark] ?? ''}
              </Typography>
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {toolbar}
      </Stack>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center' }}>
        <SearchField
          label="Search paths"
          value={searchText}
          onChange={setSearchText}
          sx={{ flex: 1 }}
        />
        <ToggleButtonGroup
          size="small"
          exclusive
          value={sort}
          onChange={(_event, next: TreeSort | null) => next && setSort(next)}
          aria-label="Sort by"
        >
          <ToggleButton value="name">Name</ToggleButton>
          <ToggleButton value="size">Size</ToggleButton>
        </ToggleButtonGroup>
        <Tooltip title="Expand all">
          <IconButton aria-label="Expand all" onClick={() => setAll(true)}>
            <UnfoldMore fontSize="small" />
          </IconButton>
        </Tooltip>
        <Tooltip title="Collapse all">
          <IconButton aria-label="Collapse all" onClick={() => setAll(false)}>
            <UnfoldLess fontSize="small" />
          </IconButton>
        </Tooltip>
      </Stack>
      {store.searching && root?.complete && (root.total ?? 0) > searchLimit && (
        <Typography variant="caption" color="text.secondary" data-testid="tree-capped">
          Showing the first {searchLimit} of {root.total} matches: narrow the search to see the
          other {(root.total ?? 0) - searchLimit}.
        </Typography>
      )}
      {loadedNothing && (
        <Typography variant="body2" color="text.secondary" sx={{ p: 2 }} data-testid="tree-empty">
          {treeIsEmpty
            ? emptyText
            : 'Nothing matches: turn on more kinds above, or change the search.'}
        </Typography>
      )}
      <Box
        ref={scrollRef}
        role="tree"
        aria-label={label}
        data-testid="file-tree"
        onKeyDown={onKeyDown}
        sx={{
          flex: 1,
          minHeight: 160,
          overflow: 'auto',
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
          fontFamily: 'monospace',
          fontSize: 13,
        }}
      >
        <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index] as TreeRow;
            return (
              <FileTreeRowView
                key={rowKey(row)}
                row={row}
                position={item.index}
                top={item.start}
                focused={item.index === focused}
                onFocus={() => setFocused(item.index)}
                onToggle={toggle}
                onRetry={(directory) => store.retry(directory)}
              />
            );
          })}
        </Box>
      </Box>
    </Box>
  );
}

function rowKey(row: TreeRow): string {
  return row.type === 'entry' ? `entry:${row.entry.path}` : `pending:${row.directory}`;
}
