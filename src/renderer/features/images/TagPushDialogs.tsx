import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { imageReferenceSchema } from '../../../shared';
import { useStowageMutation, useStowageStream } from '../../api';
import { FormDialog } from '../../common/form/FormDialog';
import { TransferOutcome } from '../../common/TransferOutcome';
import { pushedToast, useToast } from '../../common/toast';

/** What is wrong with a new name for an image, or undefined when it will do. */
export function newNameProblem(name: string): string | undefined {
  const parsed = imageReferenceSchema.safeParse(name.trim());
  if (!parsed.success) return parsed.error.issues[0]?.message;
  if (name.includes('@')) return 'A new name cannot hold a digest: use [registry/]name[:tag].';
  return undefined;
}

/** `docker tag`: give the image another name, validated as the engine would. */
export function TagDialog({
  imageId,
  open,
  onClose,
}: {
  imageId: string;
  open: boolean;
  onClose(): void;
}) {
  const [name, setName] = useState('');
  const tagging = useStowageMutation();
  const problem = name.trim() === '' ? undefined : newNameProblem(name);
  const close = () => {
    setName('');
    tagging.clear();
    onClose();
  };
  const tag = async () => {
    const target = name.trim();
    const tagged = await tagging.run((client) =>
      client.call('images.tag', { image: imageId, target }),
    );
    if (tagged.ok) close();
  };
  return (
    <FormDialog
      open={open}
      title="Tag the image"
      submitLabel="Tag"
      mutation={tagging}
      disabled={name.trim() === '' || problem !== undefined}
      onClose={close}
      onSubmit={tag}
    >
      <TextField
        autoFocus
        fullWidth
        label="New name"
        placeholder="localhost:5000/team/app:1.0"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={problem !== undefined}
        helperText={problem ?? '[registry/]name[:tag]; the tag is latest when left out.'}
      />
    </FormDialog>
  );
}

/** `docker push` of one of the image's tags, with progress per layer; cancellable. */
export function PushDialog({
  tags,
  open,
  onClose,
}: {
  tags: readonly string[];
  open: boolean;
  onClose(): void;
}) {
  const [chosen, setChosen] = useState(tags[0] ?? '');
  const [started, setStarted] = useState<string | undefined>(undefined);
  const toast = useToast();
  const push = useStowageStream(
    'images.push',
    { reference: started ?? '' },
    { enabled: started !== undefined, onDone: (result) => toast.show(pushedToast(result)) },
  );
  const running = started !== undefined && push.status === 'running';
  const close = () => {
    if (running) push.cancel();
    setStarted(undefined);
    onClose();
  };
  const start = () => {
    if (running || chosen === '') return;
    if (started === chosen) push.restart();
    else setStarted(chosen);
  };
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="push-title">
      <DialogTitle id="push-title">Push to a registry</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        {tags.length === 0 ? (
          <Alert severity="info">
            This image has no name to push under: tag it first with the registry in its name
            (localhost:5000/team/app:1.0).
          </Alert>
        ) : (
          <TextField
            select
            label="Tag"
            value={chosen}
            onChange={(event) => setChosen(event.target.value)}
            disabled={running}
            helperText="The registry is the first part of the name (Docker Hub when there is none)."
            sx={{ mt: 1 }}
          >
            {tags.map((tag) => (
              <MenuItem key={tag} value={tag}>
                {tag}
              </MenuItem>
            ))}
          </TextField>
        )}
        {started !== undefined && (
          <TransferOutcome
            transfer={push}
            verb="push"
            reference={started}
            doneMessage={
              push.result &&
              `Pushed ${push.result.reference} (${push.result.digest.slice(0, 19)}…).`
            }
            testIdPrefix="push"
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{running ? 'Cancel push' : 'Close'}</Button>
        <Button variant="contained" disabled={running || chosen === ''} onClick={start}>
          Push
        </Button>
      </DialogActions>
    </Dialog>
  );
}
