import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  Skeleton,
} from '@mui/material';
import { useState } from 'react';
import { StowageError } from '../../../shared';
import { useStowageClient, useStowageQuery } from '../../api';
import { formatBytes } from '../../common/format';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';

/** Lists the stopped containers a prune removes and the space that comes back, then prunes them. */
export function PruneDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const client = useStowageClient();
  const preview = useStowageQuery('containers.prunePreview', {}, { enabled: open });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const containers = preview.data?.containers ?? [];

  const prune = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await client.call('containers.prune', {
        ids: containers.map((container) => container.id),
      });
      setOutcome(
        `Removed ${result.removed.length} container${result.removed.length === 1 ? '' : 's'}` +
          (result.kept.length > 0 ? `; kept ${result.kept.length} (started since or gone).` : '.'),
      );
    } catch (error) {
      setFailure(error instanceof StowageError ? error.message : String(error));
    }
    setBusy(false);
  };
  const close = () => {
    setOutcome(undefined);
    setFailure(undefined);
    onClose();
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby="prune-containers-title" fullWidth>
      <DialogTitle id="prune-containers-title">Prune stopped containers</DialogTitle>
      <DialogContent>
        {preview.error && (
          <QueryErrorAlert
            error={preview.error}
            failedTo="preview the prune"
            refreshes="the preview refreshes"
            testId="prune-error"
          />
        )}
        {preview.isPending && <Skeleton variant="rounded" height={80} />}
        {outcome && <Alert severity="success">{outcome}</Alert>}
        {failure && <Alert severity="error">{failure}</Alert>}
        {!outcome && preview.data && (
          <>
            <DialogContentText data-testid="prune-summary">
              {containers.length === 0
                ? 'No stopped containers: nothing to prune.'
                : `${containers.length} stopped container${containers.length === 1 ? '' : 's'} go, and ${formatBytes(preview.data.reclaimableBytes)} come back.`}
            </DialogContentText>
            <List dense sx={{ maxHeight: 300, overflow: 'auto' }}>
              {containers.map((container) => (
                <ListItem key={container.id} disableGutters>
                  <ListItemText
                    primary={container.name}
                    secondary={`${container.image} · ${container.status} · ${formatBytes(container.sizeRw)}`}
                  />
                </ListItem>
              ))}
            </List>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button autoFocus onClick={close}>
          {outcome ? 'Close' : 'Cancel'}
        </Button>
        {!outcome && (
          <Button
            color="error"
            variant="contained"
            disabled={busy || containers.length === 0}
            onClick={() => void prune()}
          >
            Prune
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
