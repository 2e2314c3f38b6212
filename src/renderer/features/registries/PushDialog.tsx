import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { repositoryNameSchema, tagSchema } from '../../../shared';
import { useStowageMutation, useStowageQuery, useStowageStream } from '../../api';
import { MutationErrorAlert } from '../../common/MutationErrorAlert';
import { TransferOutcome } from '../../common/TransferOutcome';
import { pushedToast, useToast } from '../../common/toast';

import { pushTargetOf } from './registry-text';

/**
 * Pushes a local image to this registry: it is tagged `registry/repository:tag` first (as
 * `docker tag` would), then pushed with progress per layer.
 */
export function PushDialog({
  registry,
  repository,
  open,
  onClose,
  onPushed,
}: {
  registry: string;
  repository: string | undefined;
  open: boolean;
  onClose(): void;
  onPushed(): void;
}) {
  const images = useStowageQuery('images.list', {}, { enabled: open });
  const sources = (images.data ?? [])
    .flatMap((image) => image.repoTags)
    .filter((name) => !name.includes('<none>'))
    .sort();
  const [source, setSource] = useState('');
  const [name, setName] = useState<string | undefined>(undefined);
  const [tag, setTag] = useState<string | undefined>(undefined);
  const [started, setStarted] = useState<string | undefined>(undefined);
  const tagging = useStowageMutation();
  const suggested = pushTargetOf(source, repository);
  const targetName = name ?? suggested.repository;
  const targetTag = tag ?? suggested.tag;
  const nameProblem = problemOf(repositoryNameSchema, targetName);
  const tagProblem = problemOf(tagSchema, targetTag);
  const toast = useToast();
  const push = useStowageStream(
    'images.push',
    { reference: started ?? '' },
    {
      enabled: started !== undefined,
      onDone: (result) => toast.show(pushedToast(result)),
    },
  );
  const running = started !== undefined && push.status === 'running';
  const ready = source !== '' && !nameProblem && !tagProblem && !running && !tagging.busy;

  const close = () => {
    if (running) push.cancel();
    if (push.status === 'done') onPushed();
    setStarted(undefined);
    tagging.clear();
    setSource('');
    setName(undefined);
    setTag(undefined);
    onClose();
  };
  const start = async () => {
    if (!ready) return;
    const target = `${registry}/${targetName}:${targetTag}`;
    const tagged = await tagging.run((client) =>
      client.call('images.tag', { image: source, target }),
    );
    if (!tagged.ok) return;
    if (started === target) push.restart();
    else setStarted(target);
  };

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="push-here-title">
      <DialogTitle id="push-here-title">Push an image to {registry}</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <DialogContentText>
          The image is tagged {registry}/{targetName || 'name'}:{targetTag || 'tag'} on the engine
          first, as docker tag does, and then pushed.
        </DialogContentText>
        {images.data && sources.length === 0 ? (
          <Alert severity="info">
            The engine has no named images to push. Pull or build one first.
          </Alert>
        ) : (
          <TextField
            select
            label="Local image"
            value={source}
            onChange={(event) => {
              setSource(event.target.value);
              setName(undefined);
              setTag(undefined);
            }}
            disabled={running}
            sx={{ mt: 1 }}
          >
            {sources.map((option) => (
              <MenuItem key={option} value={option}>
                {option}
              </MenuItem>
            ))}
          </TextField>
        )}
        <Stack direction="row" sx={{ gap: 2 }}>
          <TextField
            label="Repository"
            value={targetName}
            onChange={(event) => setName(event.target.value)}
            error={targetName !== '' && nameProblem !== undefined}
            helperText={(targetName !== '' && nameProblem) || ' '}
            disabled={running}
            sx={{ flex: 2 }}
          />
          <TextField
            label="Tag"
            value={targetTag}
            onChange={(event) => setTag(event.target.value)}
            error={targetTag !== '' && tagProblem !== undefined}
            helperText={(targetTag !== '' && tagProblem) || ' '}
            disabled={running}
            sx={{ flex: 1 }}
          />
        </Stack>
        <MutationErrorAlert mutation={tagging} />
        {started !== undefined && (
          <TransferOutcome
            transfer={push}
            verb="push"
            reference={started}
            doneMessage={push.result && `Pushed ${push.result.reference}.`}
            testIdPrefix="registry-push"
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{running ? 'Cancel push' : 'Close'}</Button>
        <Button variant="contained" disabled={!ready} onClick={() => void start()}>
          Push
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function problemOf(
  schema: {
    safeParse(value: string): { success: boolean; error?: { issues: { message: string }[] } };
  },
  value: string,
): string | undefined {
  if (value === '') return 'Needed.';
  const parsed = schema.safeParse(value);
  return parsed.success ? undefined : parsed.error?.issues[0]?.message;
}
