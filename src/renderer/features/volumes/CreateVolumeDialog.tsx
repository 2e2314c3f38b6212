import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { parseLabelLines, StowageError, volumeNameSchema } from '../../../shared';
import { useStowageClient } from '../../api';

/** What is wrong with a volume name, or undefined when the engine will take it. */
export function volumeNameProblem(name: string): string | undefined {
  return volumeNameSchema.safeParse(name).error?.issues[0]?.message;
}

/** A new volume: its name checked as the engine checks it, a driver and labels. */
export function CreateVolumeDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose(): void;
  onCreated(name: string): void;
}) {
  const client = useStowageClient();
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('local');
  const [labelText, setLabelText] = useState('');
  const [taken, setTaken] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const nameProblem = name === '' ? undefined : (volumeNameProblem(name) ?? taken);
  const driverProblem =
    driver.trim() === '' ? 'Name a driver; local keeps files on this machine.' : undefined;
  const parsedLabels = parseLabelLines(labelText);
  const labelProblem = 'problem' in parsedLabels ? parsedLabels.problem : undefined;
  const ready = name !== '' && !nameProblem && !driverProblem && !labelProblem && !busy;

  const close = () => {
    setName('');
    setDriver('local');
    setLabelText('');
    setTaken(undefined);
    setFailure(undefined);
    onClose();
  };
  const create = async () => {
    if (!ready || !('labels' in parsedLabels)) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await client.call('volumes.create', {
        name,
        driver: driver.trim(),
        labels: parsedLabels.labels,
      });
      onCreated(name);
      close();
    } catch (error) {
      if (error instanceof StowageError && error.code === 'CONFLICT') setTaken(error.message);
      else setFailure((error as Error).message);
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
      aria-labelledby="create-volume-title"
    >
      <DialogTitle id="create-volume-title">Create a volume</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <TextField
          autoFocus
          label="Name"
          placeholder="app-data"
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setTaken(undefined);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void create();
          }}
          error={nameProblem !== undefined}
          helperText={nameProblem ?? 'Letters, digits, _ . -; at least two characters.'}
          sx={{ mt: 1 }}
        />
        <TextField
          label="Driver"
          value={driver}
          onChange={(event) => setDriver(event.target.value)}
          error={driverProblem !== undefined}
          helperText={driverProblem ?? 'local, or a volume plugin installed in the engine.'}
        />
        <TextField
          label="Labels"
          placeholder={'team=web\ntier=front'}
          multiline
          minRows={2}
          value={labelText}
          onChange={(event) => setLabelText(event.target.value)}
          error={labelProblem !== undefined}
          helperText={labelProblem ?? 'One key=value a line; optional.'}
        />
        {failure && <Alert severity="error">{failure}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Cancel</Button>
        <Button variant="contained" disabled={!ready} onClick={() => void create()}>
          Create
        </Button>
      </DialogActions>
    </Dialog>
  );
}
