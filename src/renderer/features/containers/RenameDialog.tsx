import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { containerNameSchema } from '../../../shared';
import { useStowageMutation } from '../../api';
import { MutationErrorAlert } from '../../common/MutationErrorAlert';

/** Gives a container a new name, checked as the engine checks names before anything is sent. */
export function RenameDialog({
  container,
  current,
  onClose,
}: {
  container: string;
  current: string;
  onClose(): void;
}) {
  const [name, setName] = useState(current);
  const renaming = useStowageMutation();
  const parsed = containerNameSchema.min(1, 'Give a new name.').safeParse(name.trim());
  const problem = parsed.success ? undefined : parsed.error.issues[0]?.message;

  const rename = async () => {
    if (!parsed.success) return;
    const renamed = await renaming.run((client) =>
      client.call('containers.rename', { container, name: parsed.data }),
    );
    if (renamed.ok) onClose();
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="rename-title" fullWidth maxWidth="xs">
      <DialogTitle id="rename-title">Rename the container</DialogTitle>
      <DialogContent>
        <TextField
          autoFocus
          fullWidth
          margin="dense"
          label="New name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          onKeyDown={(event) => event.key === 'Enter' && void rename()}
          error={problem !== undefined}
          helperText={problem}
        />
        <MutationErrorAlert mutation={renaming} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          disabled={renaming.busy || problem !== undefined || name.trim() === current}
          onClick={() => void rename()}
        >
          Rename
        </Button>
      </DialogActions>
    </Dialog>
  );
}
