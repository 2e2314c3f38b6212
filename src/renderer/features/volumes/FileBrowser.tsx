import FolderIcon from '@mui/icons-material/Folder';
import InsertDriveFileOutlinedIcon from '@mui/icons-material/InsertDriveFileOutlined';
import LinkIcon from '@mui/icons-material/Link';
import RefreshIcon from '@mui/icons-material/Refresh';
import {
  Alert,
  Box,
  Breadcrumbs,
  IconButton,
  LinearProgress,
  Link,
  Tooltip,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import type { FileEntry } from '../../../shared';
import { useStowageQuery } from '../../api';
import { formatBytes } from '../../common/format';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { DataTable, type DataColumn } from '../../common/table/DataTable';
import { FilePreviewDialog } from './FilePreviewDialog';
import { breadcrumbs, childPath } from './volume-rows';

const iconSx = { fontSize: 18, flexShrink: 0 } as const;

function EntryName({
  entry,
  onOpen,
  onPreview,
}: {
  entry: FileEntry;
  onOpen(name: string): void;
  onPreview(name: string): void;
}) {
  if (entry.type === 'directory') {
    return (
      <Link
        component="button"
        type="button"
        underline="hover"
        onClick={() => onOpen(entry.name)}
        sx={{ display: 'inline-flex', alignItems: 'center', gap: 1, maxWidth: '100%' }}
        aria-label={`Open ${entry.name}`}
      >
        <FolderIcon sx={{ ...iconSx, color: 'warning.main' }} />
        <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {entry.name}
        </Box>
      </Link>
    );
  }
  if (entry.type === 'file') {
    return (
      <Link
        component="button"
        type="button"
        underline="hover"
        color="inherit"
        onClick={() => onPreview(entry.name)}
        sx={{ display: 'inline-flex', alignItems: 'center', gap: 1, maxWidth: '100%' }}
        aria-label={`Preview ${entry.name}`}
      >
        <InsertDriveFileOutlinedIcon sx={{ ...iconSx, color: 'text.secondary' }} />
        <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {entry.name}
        </Box>
      </Link>
    );
  }
  const Icon = entry.type === 'symlink' ? LinkIcon : InsertDriveFileOutlinedIcon;
  return (
    <Box sx={{ display: 'inline-flex', alignItems: 'center', gap: 1, maxWidth: '100%' }}>
      <Icon sx={{ ...iconSx, color: 'text.secondary' }} />
      <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {entry.name}
        {entry.linkTarget !== undefined && (
          <Box component="span" sx={{ color: 'text.secondary' }}>
            {' → '}
            {entry.linkTarget}
          </Box>
        )}
      </Box>
    </Box>
  );
}

/**
 * A volume's files, read-only, one directory at a time with breadcrumbs back up. Links are
 * shown with their target and never followed.
 */
export function FileBrowser({ volume }: { volume: string }) {
  const [path, setPath] = useState('/');
  const [previewed, setPreviewed] = useState<string | undefined>(undefined);
  const files = useStowageQuery('volumes.files', { name: volume, path });
  const columns = useMemo<DataColumn<FileEntry>[]>(
    () => [
      {
        id: 'name',
        header: 'Name',
        identifying: true,
        cell: (entry) => (
          <EntryName
            entry={entry}
            onOpen={(name) => setPath(childPath(path, name))}
            onPreview={(name) => setPreviewed(childPath(path, name))}
          />
        ),
        title: (entry) =>
          entry.linkTarget !== undefined
            ? `${entry.name} → ${entry.linkTarget} (links are not followed)`
            : entry.name,
      },
      {
        id: 'size',
        header: 'Size',
        width: 100,
        numeric: true,
        cell: (entry) => (entry.type === 'directory' ? '—' : formatBytes(entry.size)),
      },
      { id: 'mode', header: 'Mode', width: 120, monospace: true, cell: (entry) => entry.mode },
      {
        id: 'modified',
        header: 'Modified',
        width: 190,
        cell: (entry) => new Date(entry.modified).toLocaleString(),
      },
    ],
    [path],
  );
  const listing = files.data?.readable ? files.data : undefined;

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, p: 1, minHeight: 0, flex: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Breadcrumbs
          separator="›"
          aria-label="Folder path"
          sx={{ flex: 1, minWidth: 0 }}
          data-testid="file-path"
        >
          {breadcrumbs(path).map((crumb, index, all) =>
            index === all.length - 1 ? (
              <Typography key={crumb.path} color="text.primary" aria-current="location">
                {crumb.label}
              </Typography>
            ) : (
              <Link
                key={crumb.path}
                component="button"
                type="button"
                underline="hover"
                onClick={() => setPath(crumb.path)}
              >
                {crumb.label}
              </Link>
            ),
          )}
        </Breadcrumbs>
        <Tooltip title="Read the folder again">
          <IconButton aria-label="Refresh files" onClick={() => void files.refetch()}>
            <RefreshIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      {files.isFetching && <LinearProgress aria-label="Reading the folder" />}
      {files.error && (
        <QueryErrorAlert
          error={files.error}
          failedTo={`read ${path}`}
          refreshes="the folder is read again"
          testId="files-error"
        />
      )}
      {files.data && !files.data.readable && (
        <Alert severity="info" data-testid="files-unreadable">
          {files.data.reason}
        </Alert>
      )}
      {listing && listing.entries.length === 0 && (
        <Typography color="text.secondary" data-testid="files-empty" sx={{ py: 2 }}>
          This folder is empty. Files that containers write at the volume&apos;s mount path appear
          here.
        </Typography>
      )}
      {listing && listing.total > listing.entries.length && (
        <Typography variant="body2" color="text.secondary">
          The first {listing.entries.length} of {listing.total} entries.
        </Typography>
      )}
      {listing && listing.entries.length > 0 && (
        <DataTable
          label="Files"
          testId="files-scroll"
          rows={listing.entries}
          columns={columns}
          getRowId={(entry) => entry.name}
          rowHeight={37}
          scrollResetKey={path}
          rowAttributes={(entry) => ({ 'data-testid': 'file-row', 'data-file': entry.name })}
        />
      )}
      {previewed !== undefined && (
        <FilePreviewDialog
          volume={volume}
          path={previewed}
          onClose={() => setPreviewed(undefined)}
        />
      )}
    </Box>
  );
}
