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
import { useState, type ReactNode } from 'react';
import type { StowageError } from '../../../shared';
import { useStowageMutation } from '../../api';
import { MutationErrorAlert } from '../MutationErrorAlert';
import { QueryErrorAlert } from '../QueryErrorAlert';
import { useToast } from '../toast';
import { counted, type Noun } from './count-label';

/** What a prune did: how many went, and each one kept with the reason. */
export interface PruneReport {
  removed: number;
  kept: { key: string; label: string; reason: string }[];
}

/**
 * Prune with a preview: what would go, the space that comes back, then only the listed
 * items are removed (the engine keeps any that stopped qualifying, and says why).
 */
export function PrunePreviewDialog<Item>({
  open,
  onClose,
  title,
  noun,
  description,
  options,
  optionsKey,
  preview,
  reclaimedNote,
  nothingToPrune,
  errorTestId,
  itemKey,
  itemPrimary,
  itemSecondary,
  monospace = false,
  prune,
}: {
  open: boolean;
  onClose(): void;
  title: string;
  noun: Noun;
  description: ReactNode;
  /** Choices that change what the preview lists, drawn above it (e.g. a scope). */
  options?: (busy: boolean) => ReactNode;
  /** Changes with `options`, so that the report of an earlier prune is not kept. */
  optionsKey?: string;
  preview: {
    items: readonly Item[] | undefined;
    isFetching: boolean;
    error: StowageError | null;
    refetch(): Promise<unknown>;
  };
  /** "12 MB comes back", when the preview knows. */
  reclaimedNote?: string | undefined;
  nothingToPrune: string;
  errorTestId: string;
  itemKey(item: Item): string;
  itemPrimary(item: Item): string;
  itemSecondary(item: Item): string;
  monospace?: boolean;
  prune(items: readonly Item[]): Promise<PruneReport>;
}) {
  const pruning = useStowageMutation();
  const toast = useToast();
  const busy = pruning.busy;
  // A report belongs to the options it was made with; other options hide it.
  const [done, setDone] = useState<{ report: PruneReport; optionsKey?: string } | undefined>(
    undefined,
  );
  const report = done?.optionsKey === optionsKey ? done?.report : undefined;
  const items = preview.items ?? [];
  const titleId = `${errorTestId}-title`;

  const close = () => {
    setDone(undefined);
    pruning.clear();
    onClose();
  };
  const run = async () => {
    await pruning.run(async () => {
      const made = await prune(items);
      toast.show({ message: `Pruned: removed ${counted(made.removed, noun)}` });
      setDone(optionsKey === undefined ? { report: made } : { report: made, optionsKey });
      await preview.refetch();
    });
  };

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Typography color="text.secondary">{description}</Typography>
        {options?.(busy)}
        {preview.isFetching && <LinearProgress aria-label="Working out what would go" />}
        {preview.error && (
          <QueryErrorAlert
            error={preview.error}
            failedTo="work out what a prune would remove"
            refreshes="it is tried again"
            testId={errorTestId}
          />
        )}
        {preview.items && items.length === 0 && !report && (
          <Alert severity="info">{nothingToPrune}</Alert>
        )}
        {items.length > 0 && (
          <Box>
            <Typography data-testid="prune-summary" sx={{ mb: 1 }}>
              {counted(items.length, noun)} {items.length === 1 ? 'goes' : 'go'}
              {reclaimedNote ? `; ${reclaimedNote}.` : '.'}
            </Typography>
            <List
              dense
              sx={{ maxHeight: 240, overflow: 'auto', border: 1, borderColor: 'divider' }}
            >
              {items.map((item) => (
                <ListItem key={itemKey(item)} data-testid="prune-item">
                  <ListItemText
                    primary={itemPrimary(item)}
                    secondary={itemSecondary(item)}
                    slotProps={
                      monospace
                        ? { primary: { sx: { fontFamily: 'monospace', wordBreak: 'break-all' } } }
                        : {}
                    }
                  />
                </ListItem>
              ))}
            </List>
          </Box>
        )}
        {report && (
          <Alert
            severity={report.kept.length === 0 ? 'success' : 'warning'}
            data-testid="prune-done"
          >
            Removed {counted(report.removed, noun)}.
            {report.kept.map((kept) => (
              <Box key={kept.key}>
                Kept {kept.label}: {kept.reason}
              </Box>
            ))}
          </Alert>
        )}
        <MutationErrorAlert mutation={pruning} />
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Close</Button>
        <Button
          color="error"
          variant="contained"
          disabled={busy || items.length === 0 || preview.isFetching}
          onClick={() => void run()}
        >
          {items.length === 0 ? 'Remove' : `Remove ${counted(items.length, noun)}`}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
