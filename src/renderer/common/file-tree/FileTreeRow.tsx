import ChevronRight from '@mui/icons-material/ChevronRight';
import ExpandMore from '@mui/icons-material/ExpandMore';
import FolderOutlined from '@mui/icons-material/FolderOutlined';
import HelpOutline from '@mui/icons-material/HelpOutlineOutlined';
import InsertDriveFileOutlined from '@mui/icons-material/InsertDriveFileOutlined';
import LinkOutlined from '@mui/icons-material/LinkOutlined';
import { Box, Button, Typography } from '@mui/material';
import { modeString, type FileTreeEntry } from '../../../shared';
import { formatBytes } from '../format';
import { MarkIcon, marks } from './marks';
import type { TreeRow } from './tree-rows';

export const rowHeight = 28;

interface RowProps {
  row: TreeRow;
  position: number;
  top: number;
  focused: boolean;
  onFocus(): void;
  onToggle(path: string): void;
  onRetry(directory: string): void;
}

const rowSx = (top: number, depth: number) =>
  ({
    position: 'absolute',
    top,
    left: 0,
    right: 0,
    height: rowHeight,
    display: 'flex',
    alignItems: 'center',
    gap: 0.75,
    pr: 1,
    pl: `${depth * 16 + 4}px`,
    '&:hover': { bgcolor: 'action.hover' },
    '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 },
  }) as const;

/** One row: an entry with its mark, type, name, link target, size, mode and owner. */
export function FileTreeRowView(props: RowProps) {
  const { row } = props;
  if (row.type !== 'entry') return <StatusRow {...props} />;
  const { entry } = row;
  const mark = entry.mark;
  const changedBelow = entry.changedBelow;
  const TypeIcon =
    entry.type === 'dir'
      ? FolderOutlined
      : entry.type === 'symlink' || entry.type === 'hardlink'
        ? LinkOutlined
        : entry.type === undefined
          ? HelpOutline
          : InsertDriveFileOutlined;
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
      aria-expanded={row.expandable ? row.expanded : undefined}
      aria-label={`${entry.path}, ${marks[mark].label}${changedBelow ? ', contains changes' : ''}`}
      tabIndex={props.focused ? 0 : -1}
      data-testid="tree-row"
      data-row={props.position}
      data-path={entry.path}
      data-kind={mark}
      data-size={entry.size}
      data-changed-below={changedBelow ? 'true' : undefined}
      onFocus={props.onFocus}
      onClick={() => row.expandable && props.onToggle(entry.path)}
      sx={{ ...rowSx(props.top, row.depth), cursor: row.expandable ? 'pointer' : 'default' }}
    >
      <Box sx={{ width: 18, display: 'flex', color: 'text.secondary' }}>
        {row.expandable &&
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
        title={`/${entry.path}`}
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
        {entry.name}
        {entry.type === 'dir' ? '/' : ''}
        {entry.linkTarget !== undefined && (
          <Box component="span" sx={{ color: 'text.secondary', fontWeight: 400 }}>
            {entry.type === 'hardlink' ? ` ⇒ /${entry.linkTarget}` : ` → ${entry.linkTarget}`}
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
      <Box component="span" sx={{ width: 92, textAlign: 'right', color: 'text.secondary' }}>
        <SizeCell entry={entry} />
      </Box>
      <Box component="span" sx={{ width: 92, color: 'text.secondary' }}>
        {entry.type !== undefined && entry.mode !== undefined && modeString(entry.type, entry.mode)}
      </Box>
      <Box component="span" sx={{ width: 64, color: 'text.secondary', textAlign: 'right' }}>
        {entry.uid !== undefined && `${entry.uid}:${entry.gid ?? entry.uid}`}
      </Box>
    </Box>
  );
}

/** Files, hardlinks and directories have a size; a path still there whose size is not known says so. */
function SizeCell({ entry }: { entry: FileTreeEntry }) {
  if (entry.size === undefined) {
    if (entry.mark === 'removed') return null;
    return (
      <Typography component="span" variant="caption" title="The engine did not give its size">
        size unknown
      </Typography>
    );
  }
  const sized = entry.type === 'file' || entry.type === 'hardlink' || entry.type === 'dir';
  return sized ? formatBytes(entry.size) : null;
}

/** Where more of a directory is on its way, or could not be read. */
function StatusRow(props: RowProps) {
  const { row } = props;
  if (row.type === 'entry') return null;
  const failed = row.error !== undefined;
  return (
    <Box
      role="treeitem"
      aria-level={row.depth + 1}
      tabIndex={props.focused ? 0 : -1}
      data-testid="tree-status"
      data-row={props.position}
      onFocus={props.onFocus}
      sx={{ ...rowSx(props.top, row.depth), color: failed ? 'error.main' : 'text.secondary' }}
    >
      <Box sx={{ width: 18 }} />
      <Typography variant="caption" sx={{ flex: 1, minWidth: 0 }} noWrap>
        {failed ? `Could not read this directory: ${row.error}` : 'Loading…'}
      </Typography>
      {failed && (
        <Button size="small" tabIndex={-1} onClick={() => props.onRetry(row.directory)}>
          Retry
        </Button>
      )}
    </Box>
  );
}
