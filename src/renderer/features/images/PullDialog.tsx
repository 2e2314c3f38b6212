import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { imageReferenceSchema } from '../../../shared';
import { useStowageStream } from '../../api';
import { TransferOutcome } from '../../common/TransferOutcome';
import { pulledToast, useToast } from '../../common/toast';

/** Pull an image by reference, with live progress per layer; cancellable at any time. */
export function PullDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [reference, setReference] = useState('');
  const [started, setStarted] = useState<string | undefined>(undefined);
  const toast = useToast();
  const pull = useStowageStream(
    'images.pull',
    { reference: started ?? '' },
    { enabled: started !== undefined, onDone: (result) => toast.show(pulledToast(result)) },
  );
  const parsed = imageReferenceSchema.safeParse(reference.trim());
  const problem =
    reference.trim() !== '' && !parsed.success ? parsed.error.issues[0]?.message : undefined;
  const running = started !== undefined && pull.status === 'running';
  const start = () => {
    if (!parsed.success || running) return;
    if (started === parsed.data) pull.restart();
    else setStarted(parsed.data);
  };

  const close = () => {
    if (running) pull.cancel();
    setStarted(undefined);
    setReference('');
    onClose();
  };

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="pull-title">
      <DialogTitle id="pull-title">Pull an image</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <TextField
          autoFocus
          label="Image reference"
          placeholder="localhost:5000/team/app:1.0"
          value={reference}
          onChange={(event) => setReference(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') start();
          }}
          error={problem !== undefined}
          helperText={
            problem ?? 'As for docker pull: [registry/]name[:tag]. Logins come from docker login.'
          }
          disabled={running}
          sx={{ mt: 1 }}
        />
        {started !== undefined && (
          <TransferOutcome
            transfer={pull}
            verb="pull"
            reference={started}
            doneMessage={pull.result && `Pulled ${pull.result.reference}.`}
            testIdPrefix="pull"
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{running ? 'Cancel pull' : 'Close'}</Button>
        <Button variant="contained" disabled={!parsed.success || running} onClick={start}>
          Pull
        </Button>
      </DialogActions>
    </Dialog>
  );
}
