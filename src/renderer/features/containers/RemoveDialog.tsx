import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  List,
  ListItem,
  ListItemText,
} from '@mui/material';
import { useState } from 'react';
import type { ContainerSummary } from '../../../shared';
import { readableStatus } from './container-status';

/** Names every container that goes, says which run (they are stopped first), offers volumes. */
export function RemoveDialog({
  containers,
  onClose,
}: {
  /** Mounted per removal, so the volumes choice is made afresh each time. */
  containers: readonly ContainerSummary[];
  onClose(outcome: { volumes: boolean } | undefined): void;
}) {
  const [volumes, setVolumes] = useState(false);
  const list = containers;
  const running = list.filter((c) => c.state === 'running' || c.state === 'paused').length;
  const what = list.length === 1 ? 'this container' : `these ${list.length} containers`;
  return (
    <Dialog open onClose={() => onClose(undefined)} aria-labelledby="remove-containers-title">
      <DialogTitle id="remove-containers-title">Remove {what}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {running > 0
            ? `${running === list.length ? 'They run' : `${running} of them run`}: they are stopped and removed, with their read-write layers.`
            : 'They go with their read-write layers.'}
        </DialogContentText>
        <List dense data-testid="remove-items" sx={{ maxHeight: 240, overflow: 'auto' }}>
          {list.slice(0, 20).map((container) => (
            <ListItem key={container.id} disableGutters>
              <ListItemText
                primary={container.name}
                secondary={`${container.image} · ${readableStatus(container.status)}`}
                slotProps={{ primary: { sx: { fontFamily: 'monospace' } } }}
              />
            </ListItem>
          ))}
          {list.length > 20 && (
            <ListItem disableGutters>
              <ListItemText secondary={`and ${list.length - 20} more`} />
            </ListItem>
          )}
        </List>
        <FormControlLabel
          control={
            <Checkbox checked={volumes} onChange={(event) => setVolumes(event.target.checked)} />
          }
          label="Also remove their anonymous volumes"
        />
      </DialogContent>
      <DialogActions>
        <Button autoFocus onClick={() => onClose(undefined)}>
          Cancel
        </Button>
        <Button color="error" variant="contained" onClick={() => onClose({ volumes })}>
          Remove
        </Button>
      </DialogActions>
    </Dialog>
  );
}
