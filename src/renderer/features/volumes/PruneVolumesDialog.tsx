import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { VolumePruneResult } from '../../../shared';
import { useStowageClient, useStowageQuery } from '../../api';
import { formatBytes } from '../../common/format';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';

/**
 * Prune with a preview: the volumes no container uses, largest first, and the space they
 * hold; only the listed ones are removed, and only if still no container uses them.
 */
export function PruneVolumesDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const client = useStowageClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VolumePruneResult | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const preview = useStowageQuery('volumes.prunePreview', {}, { enabled: open });
  const volumes = preview.data?.volumes ?? [];
  const noun = (count: number) => (count === 1 ? 'volume' : 'volumes');

  const close = () => {
    setResult(undefined);
    setFailure(undefined);
    onClose();
  };
  const prune = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      setResult(
        await client.call('volumes.prune', { names: volumes.map((volume) => volume.name) }),
      );
      await preview.refetch();
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      fullWidth
      maxWidth="sm"
      aria-labelledby="prune-volumes-title"
    >
      <DialogTitle id="prune-volumes-title">Prune volumes</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Typography color="text.secondary">
          Every volume that no container uses, running or stopped, named or anonymous. Their files
          are deleted for good.
        </Typography>
        {preview.isFetching && <LinearProgress aria-label="Working out what would go" />}
        {preview.error && (
          <QueryErrorAlert
            error={preview.error}
            failedTo="work out what a prune would remove"
            refreshes="it is tried again"
            testId="prune-volumes-error"
          />
        )}
        {preview.data && volumes.length === 0 && !result && (
          <Alert severity="info">Nothing to prune: every volume is in use by a container.</Alert>
        )}
        {volumes.length > 0 && (
          <Box>
            <Typography data-testid="prune-summary" sx={{ mb: 1 }}>
              {volumes.length} {noun(volumes.length)} {volumes.length === 1 ? 'goes' : 'go'};{' '}
              {formatBytes(preview.data?.reclaimableBytes ?? 0)} comes back.
            </Typography>
            <List
              dense
              sx={{ maxHeight: 240, overflow: 'auto', border: 1, borderColor: 'divider' }}
            >
              {volumes.map((volume) => (
                <ListItem key={volume.name} data-testid="prune-item">
                  <ListItemText
                    primary={volume.name}
                    slotProps={{
                      primary: { sx: { fontFamily: 'monospace', wordBreak: 'break-all' } },
                    }}
                    secondary={volume.size === null ? 'size unknown' : formatBytes(volume.size)}
                  />
                </ListItem>
              ))}
            </List>
          </Box>
        )}
        {result && (
          <Alert
            severity={result.kept.length === 0 ? 'success' : 'warning'}
            data-testid="prune-done"
          >
            Removed {result.removed.length} {noun(result.removed.length)}.
            {result.kept.map((kept) => (
              <Box key={kept.name}>
                Kept {kept.name}: {kept.reason}
              </Box>
            ))}
          </Alert>
        )}
        {failure && <Alert severity="error">{failure}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Close</Button>
        <Button
          color="error"
          variant="contained"
          disabled={busy || volumes.length === 0 || preview.isFetching}
          onClick={() => void prune()}
        >
          {volumes.length === 0 ? 'Remove' : `Remove ${volumes.length} ${noun(volumes.length)}`}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
