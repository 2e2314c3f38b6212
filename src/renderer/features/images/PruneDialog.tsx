import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  Radio,
  RadioGroup,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { PruneResult, PruneScope } from '../../../shared';
import { useStowageClient, useStowageQuery } from '../../api';
import { formatBytes } from '../../common/format';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { shortImageId } from './image-id';

const scopeLabels: Record<PruneScope, string> = {
  dangling: 'Dangling images only (untagged, unused)',
  unused: 'Every image no container uses',
};

/**
 * Prune with a preview: the images that would go, largest first, and the space that comes
 * back; only the listed images are removed, and only if they still qualify.
 */
export function PruneDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const client = useStowageClient();
  const [scope, setScope] = useState<PruneScope>('dangling');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PruneResult | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const preview = useStowageQuery('images.prunePreview', { scope }, { enabled: open });
  const images = preview.data?.images ?? [];

  const close = () => {
    setResult(undefined);
    setFailure(undefined);
    onClose();
  };
  const prune = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      setResult(await client.call('images.prune', { scope, ids: images.map((image) => image.id) }));
      await preview.refetch();
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="prune-title">
      <DialogTitle id="prune-title">Prune images</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <RadioGroup
          value={scope}
          onChange={(event) => {
            setScope(event.target.value as PruneScope);
            setResult(undefined);
          }}
        >
          {(Object.keys(scopeLabels) as PruneScope[]).map((value) => (
            <FormControlLabel
              key={value}
              value={value}
              control={<Radio />}
              label={scopeLabels[value]}
              disabled={busy}
            />
          ))}
        </RadioGroup>
        {preview.isFetching && <LinearProgress aria-label="Working out what would go" />}
        {preview.error && (
          <QueryErrorAlert
            error={preview.error}
            failedTo="work out what a prune would remove"
            refreshes="it is tried again"
            testId="prune-error"
          />
        )}
        {preview.data && images.length === 0 && !result && (
          <Alert severity="info">Nothing to prune: no image falls in this scope.</Alert>
        )}
        {images.length > 0 && (
          <Box>
            <Typography data-testid="prune-summary" sx={{ mb: 1 }}>
              {images.length === 1 ? '1 image goes' : `${images.length} images go`}; at least{' '}
              {formatBytes(preview.data?.reclaimableBytes ?? 0)} comes back.
            </Typography>
            <List
              dense
              sx={{ maxHeight: 240, overflow: 'auto', border: 1, borderColor: 'divider' }}
            >
              {images.map((image) => (
                <ListItem key={image.id} data-testid="prune-item">
                  <ListItemText
                    primary={image.repoTags.join(', ') || `${shortImageId(image.id)} (untagged)`}
                    secondary={`${formatBytes(image.size)} · created ${new Date(image.created).toLocaleDateString()}`}
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
            Removed {result.removed.length} {result.removed.length === 1 ? 'image' : 'images'}.
            {result.kept.map((kept) => (
              <Box key={kept.id}>
                Kept {shortImageId(kept.id)}: {kept.reason}
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
          disabled={busy || images.length === 0 || preview.isFetching}
          onClick={() => void prune()}
        >
          {images.length === 0
            ? 'Remove'
            : `Remove ${images.length} ${images.length === 1 ? 'image' : 'images'}`}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
