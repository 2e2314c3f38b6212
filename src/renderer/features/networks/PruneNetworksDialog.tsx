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
import type { NetworkPruneResult } from '../../../shared';
import { useStowageClient, useStowageQuery } from '../../api';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';

/** Prune with a preview: your networks with no container attached; only those go. */
export function PruneNetworksDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const client = useStowageClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<NetworkPruneResult | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const preview = useStowageQuery('networks.prunePreview', {}, { enabled: open });
  const networks = preview.data?.networks ?? [];
  const noun = (count: number) => (count === 1 ? 'network' : 'networks');

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
        await client.call('networks.prune', { ids: networks.map((network) => network.id) }),
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
      aria-labelledby="prune-networks-title"
    >
      <DialogTitle id="prune-networks-title">Prune networks</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Typography color="text.secondary">
          Every network of your own that no container, running or stopped, is attached to. The
          predefined bridge, host and none stay.
        </Typography>
        {preview.isFetching && <LinearProgress aria-label="Working out what would go" />}
        {preview.error && (
          <QueryErrorAlert
            error={preview.error}
            failedTo="work out what a prune would remove"
            refreshes="it is tried again"
            testId="prune-networks-error"
          />
        )}
        {preview.data && networks.length === 0 && !result && (
          <Alert severity="info">Nothing to prune: every network of yours has containers.</Alert>
        )}
        {networks.length > 0 && (
          <Box>
            <Typography data-testid="prune-summary" sx={{ mb: 1 }}>
              {networks.length} {noun(networks.length)} {networks.length === 1 ? 'goes' : 'go'}.
            </Typography>
            <List
              dense
              sx={{ maxHeight: 240, overflow: 'auto', border: 1, borderColor: 'divider' }}
            >
              {networks.map((network) => (
                <ListItem key={network.id} data-testid="prune-item">
                  <ListItemText
                    primary={network.name}
                    secondary={`${network.driver} · ${network.id.slice(0, 12)}`}
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
          disabled={busy || networks.length === 0 || preview.isFetching}
          onClick={() => void prune()}
        >
          {networks.length === 0 ? 'Remove' : `Remove ${networks.length} ${noun(networks.length)}`}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
