import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Typography,
} from '@mui/material';
import { maxVolumeFileRead } from '../../../shared';
import { useStowageMutation, useStowageQuery } from '../../api';
import { formatBytes } from '../../common/format';
import { MutationErrorAlert } from '../../common/MutationErrorAlert';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { bytesOf, previewBytes, previewText } from './file-preview';

/** Hands the bytes to the browser as a download named after the file. */
function saveAs(bytes: Uint8Array<ArrayBuffer>, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.click();
  URL.revokeObjectURL(url);
}

/** One file of a volume: its first 256 KiB as text, and a download of it (up to 16 MiB). */
export function FilePreviewDialog({
  volume,
  path,
  onClose,
}: {
  volume: string;
  path: string;
  onClose(): void;
}) {
  const preview = useStowageQuery('volumes.readFile', {
    name: volume,
    path,
    limit: previewBytes,
  });
  const download = useStowageMutation();
  const name = path.slice(path.lastIndexOf('/') + 1);
  const file = preview.data?.readable ? preview.data : undefined;
  const shown = file && previewText(bytesOf(file.base64), file.truncated);
  const tooBig = file !== undefined && file.size > maxVolumeFileRead;

  const save = async () => {
    const read = await download.run((client) =>
      client.call('volumes.readFile', { name: volume, path, limit: maxVolumeFileRead }),
    );
    if (read.ok && read.value.readable) saveAs(bytesOf(read.value.base64), name);
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="file-preview-title">
      <DialogTitle id="file-preview-title" sx={{ wordBreak: 'break-all' }}>
        {path}
        {file && (
          <Typography variant="body2" color="text.secondary" component="span">
            {' '}
            · {formatBytes(file.size)}
          </Typography>
        )}
      </DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        {preview.isFetching && <LinearProgress aria-label="Reading the file" />}
        {preview.error && (
          <QueryErrorAlert
            error={preview.error}
            failedTo={`read ${path}`}
            refreshes="it is read again"
            testId="file-preview-error"
          />
        )}
        {preview.data && !preview.data.readable && (
          <Alert severity="info">{preview.data.reason}</Alert>
        )}
        {file?.truncated && (
          <Typography variant="body2" color="text.secondary" data-testid="file-preview-cut">
            The first {formatBytes(previewBytes)} of {formatBytes(file.size)}; download it for the
            rest.
          </Typography>
        )}
        {shown?.kind === 'binary' && (
          <Alert severity="info" data-testid="file-preview-binary">
            This file is not text: download it to open it with another program.
          </Alert>
        )}
        {shown?.kind === 'text' && (
          <Box
            component="pre"
            data-testid="file-preview-text"
            tabIndex={0}
            aria-label={`Contents of ${name}`}
            sx={{
              m: 0,
              p: 1,
              maxHeight: '60vh',
              overflow: 'auto',
              bgcolor: 'action.hover',
              borderRadius: 1,
              fontFamily: 'monospace',
              fontSize: 12,
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-all',
            }}
          >
            {shown.text === '' ? '(empty file)' : shown.text}
          </Box>
        )}
        {tooBig && (
          <Typography variant="body2" color="text.secondary">
            Files over {formatBytes(maxVolumeFileRead)} cannot be downloaded here: copy it out with
            a container (docker cp).
          </Typography>
        )}
        <MutationErrorAlert mutation={download} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button
          variant="contained"
          startIcon={<DownloadIcon />}
          disabled={!file || tooBig || download.busy}
          onClick={() => void save()}
        >
          Download
        </Button>
      </DialogActions>
    </Dialog>
  );
}
