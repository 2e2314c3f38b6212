import ChevronRight from '@mui/icons-material/ChevronRight';
import ExpandMore from '@mui/icons-material/ExpandMore';
import FolderOutlined from '@mui/icons-material/FolderOutlined';
import InsertDriveFileOutlined from '@mui/icons-material/InsertDriveFileOutlined';
import LinkOutlined from '@mui/icons-material/LinkOutlined';
import UnfoldLess from '@mui/icons-material/UnfoldLess';
import UnfoldMore from '@mui/icons-material/UnfoldMore';
import {
  Box,
  FormControlLabel,
  IconButton,
  Stack,
  Switch,
  ToggleButton,
  ToggleButtonGroup,
  Tooltip,
  Typography,
} from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { modeString, type FileTreeNode } from '../../../shared';
import { useStowageQuery } from '../../api';
import { formatBytes } from '../../common/format';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { SearchField } from '../../common/SearchField';
import {
  indexTree,
  markOf,
  treeRows,
  type IndexedTree,
  type TreeMark,
  type TreeRow,
} from './layer-tree-rows';
import { MarkIcon, marks } from './tree-marks';

const rowHeight = 28;
const changesOnly: TreeMark[] = ['added', 'modified', 'removed'];

/**
 * The chosen layer's files as a tree, each marked by what the layer did to it. "Changes
 * only" at first; the aggregated view shows the whole stacked filesystem up to the layer,
 * what the layer left alone greyed. Virtualised: only the rows on screen are drawn.
 */
export function LayerFileTree({ image, layer }: { image: string; layer: number }) {
  const [aggregated, setAggregated] = useState(false);
  const [shown, setShown] = useState<TreeMark[]>(changesOnly);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<'name' | 'size'>('name');
  const [expandAll, setExpandAll] = useState(true);
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  const [focused, setFocused] = useState(0);
  const answer = useStowageQuery('layers.tree', { image, layer, aggregated });

  const tree = useMemo(() => indexTree(answer.data?.nodes ?? []), [answer.data]);
  const rows = useMemo(
    () => treeRows(tree, { marks: new Set(shown), search, sort, expandAll, toggled }),
    [tree, shown, search, sort, expandAll, toggled],
  );
  const counts = useMemo(() => countMarks(tree.nodes), [tree]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  useEffect(() => setToggled(new Set()), [layer, aggregated]);

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
    if (event.key === 'ArrowDown') move(focused + 1);
    else if (event.key === 'ArrowUp') move(focused - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(rows.length - 1);
    else if (row && event.key === 'ArrowRight' && row.hasChildren && !row.expanded)
      toggle(tree.nodes[row.index]?.path ?? '');
    else if (row && event.key === 'ArrowLeft' && row.expanded)
      toggle(tree.nodes[row.index]?.path ?? '');
    else if (row && event.key === 'Enter' && row.hasChildren)
      toggle(tree.nodes[row.index]?.path ?? '');
    else return;
    event.preventDefault();
  };

  const available: TreeMark[] = aggregated
    ? [...changesOnly, 'unmodified', 'lower']
    : [...changesOnly, 'unmodified'];
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
              {marks[mark].label}
              <Typography component="span" variant="caption" color="text.secondary">
                {counts[mark]}
              </Typography>
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <FormControlLabel
          control={
            <Switch
              size="small"
              checked={aggregated}
              onChange={(_event, on) => setAggregated(on)}
            />
          }
          label="Aggregated"
          title="The whole filesystem up to this layer"
        />
      </Stack>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center' }}>
        <SearchField label="Search paths" value={search} onChange={setSearch} sx={{ flex: 1 }} />
        <ToggleButtonGroup
          size="small"
          exclusive
          value={sort}
          onChange={(_event, next: 'name' | 'size' | null) => next && setSort(next)}
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
      {answer.error && (
        <QueryErrorAlert
          error={answer.error}
          failedTo="read the layer’s files"
          refreshes="the tree"
          testId="tree-error"
        />
      )}
      {answer.data && rows.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ p: 2 }} data-testid="tree-empty">
          {tree.nodes.length === 0
            ? 'This layer changes no files (it only sets metadata).'
            : 'Nothing matches: turn on more kinds above, or change the search.'}
        </Typography>
      )}
      <Box
        ref={scrollRef}
        role="tree"
        aria-label="Files of the layer"
        data-testid="layer-tree"
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
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index] as TreeRow;
            return (
              <TreeRowView
                key={tree.nodes[row.index]?.path ?? item.index}
                tree={tree}
                row={row}
                position={item.index}
                top={item.start}
                focused={item.index === focused}
                onFocus={() => setFocused(item.index)}
                onToggle={toggle}
              />
            );
          })}
        </Box>
      </Box>
    </Box>
  );
}

function TreeRowView(props: {
  tree: IndexedTree;
  row: TreeRow;
  position: number;
  top: number;
  focused: boolean;
  onFocus(): void;
  onToggle(path: string): void;
}) {
  const { tree, row } = props;
  const node = tree.nodes[row.index] as FileTreeNode;
  const mark = markOf(node);
  const changedBelow = tree.changedBelow[row.index] === true;
  const TypeIcon =
    node.type === 'dir'
      ? FolderOutlined
      : node.type === 'symlink' || node.type === 'hardlink'
        ? LinkOutlined
        : InsertDriveFileOutlined;
  const size = node.type === 'dir' ? (tree.subtreeBytes[row.index] ?? 0) : node.size;
  const textColour =
    mark === 'lower'
      ? 'text.disabled'
      : mark === 'unmodified'
        ? 'text.secondary'
        : marks[mark].colour;
  return (
    <Box
      role="treeitem"
      aria-level={row.depth + 1}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      aria-label={`${node.path}, ${marks[mark].label}${changedBelow ? ', contains changes' : ''}`}
      tabIndex={props.focused ? 0 : -1}
      data-testid="tree-row"
      data-row={props.position}
      data-path={node.path}
      data-kind={mark}
      data-changed-below={changedBelow ? 'true' : undefined}
      onFocus={props.onFocus}
      onClick={() => row.hasChildren && props.onToggle(node.path)}
      sx={{
        position: 'absolute',
        top: props.top,
        left: 0,
        right: 0,
        height: rowHeight,
        display: 'flex',
        alignItems: 'center',
        gap: 0.75,
        pr: 1,
        pl: `${row.depth * 16 + 4}px`,
        cursor: row.hasChildren ? 'pointer' : 'default',
        '&:hover': { bgcolor: 'action.hover' },
        '&:focus-visible': {
          outline: '2px solid',
          outlineColor: 'primary.main',
          outlineOffset: -2,
        },
      }}
    >
      <Box sx={{ width: 18, display: 'flex', color: 'text.secondary' }}>
        {row.hasChildren &&
          (row.expanded ? (
            <ExpandMore sx={{ fontSize: 18 }} />
          ) : (
            <ChevronRight sx={{ fontSize: 18 }} />
          ))}
      </Box>
      <MarkIcon mark={mark} />
      <TypeIcon
        sx={{
          fontSize: 16,
          color:
            changedBelow && (mark === 'unmodified' || mark === 'lower')
              ? 'warning.main'
              : textColour,
        }}
      />
      <Box
        component="span"
        title={`/${node.path}`}
        sx={{
          flex: 1,
          minWidth: 0,
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          whiteSpace: 'nowrap',
          color: changedBelow && mark !== 'lower' ? 'text.primary' : textColour,
          textDecoration: mark === 'removed' ? 'line-through' : undefined,
          fontWeight: mark === 'added' || mark === 'modified' ? 600 : undefined,
        }}
      >
        {node.name}
        {node.type === 'dir' ? '/' : ''}
        {node.linkTarget !== undefined && (
          <Box component="span" sx={{ color: 'text.secondary', fontWeight: 400 }}>
            {node.type === 'hardlink' ? ` ⇒ /${node.linkTarget}` : ` → ${node.linkTarget}`}
          </Box>
        )}
        {changedBelow && mark !== 'added' && mark !== 'removed' && (
          <Box
            component="span"
            sx={{ color: 'warning.main', fontWeight: 400, fontSize: 11, ml: 1 }}
          >
            contains changes
          </Box>
        )}
      </Box>
      <Box component="span" sx={{ width: 80, textAlign: 'right', color: 'text.secondary' }}>
        {node.type === 'file' || node.type === 'hardlink' || node.type === 'dir'
          ? formatBytes(size)
          : ''}
      </Box>
      <Box component="span" sx={{ width: 92, color: 'text.secondary' }}>
        {modeString(node.type, node.mode)}
      </Box>
      <Box component="span" sx={{ width: 64, color: 'text.secondary', textAlign: 'right' }}>
        {node.uid}:{node.gid}
      </Box>
    </Box>
  );
}

function countMarks(nodes: readonly FileTreeNode[]): Record<TreeMark, number> {
  const counts: Record<TreeMark, number> = {
    added: 0,
    modified: 0,
    removed: 0,
    unmodified: 0,
    lower: 0,
  };
  for (const node of nodes) if (!node.implicit || node.kind) counts[markOf(node)]++;
  return counts;
}
