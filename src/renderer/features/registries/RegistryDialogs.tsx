import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { registryAddressOf, type RegistrySummary } from '../../../shared';
import { useStowageMutation } from '../../api';
import { MutationErrorAlert } from '../../common/MutationErrorAlert';
import { addressProblem } from './registry-text';

/** Adds a registry by its address or URL; nothing is sent to it yet. */
export function AddRegistryDialog({
  open,
  onClose,
  onAdded,
}: {
  open: boolean;
  onClose(): void;
  onAdded(registry: RegistrySummary): void;
}) {
  const [text, setText] = useState('');
  const adding = useStowageMutation();
  const busy = adding.busy;
  const problem = addressProblem(text);
  const address = registryAddressOf(text);
  const close = () => {
    setText('');
    adding.clear();
    onClose();
  };
  const add = async () => {
    if (!address || busy) return;
    const added = await adding.run((client) =>
      client.call('registries.add', { registry: address }),
    );
    if (!added.ok) return;
    close();
    onAdded(added.value);
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      fullWidth
      maxWidth="sm"
      aria-labelledby="add-registry-title"
    >
      <DialogTitle id="add-registry-title">Add a registry</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <TextField
          autoFocus
          fullWidth
          label="Registry address"
          placeholder="localhost:5000"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void add();
          }}
          error={problem !== undefined}
          helperText={
            problem ??
            (address && address !== text.trim()
              ? `Added as ${address}.`
              : 'host[:port] or a URL. localhost and 127.0.0.1 are reached over http, others over https.')
          }
          sx={{ mt: 1 }}
        />
        <MutationErrorAlert mutation={adding} />
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Cancel</Button>
        <Button variant="contained" disabled={!address || busy} onClick={() => void add()}>
          Add
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Signs in to a registry: checked with the registry first, then kept as docker login would. */
export function SignInDialog({
  registry,
  onClose,
  onSignedIn,
}: {
  registry: RegistrySummary | undefined;
  onClose(): void;
  onSignedIn(): void;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const signingIn = useStowageMutation();
  const busy = signingIn.busy;
  const close = () => {
    setUsername('');
    setPassword('');
    setTouched(false);
    signingIn.clear();
    onClose();
  };
  const missingUser = touched && username.trim() === '';
  const missingPassword = touched && password === '';
  const signIn = async () => {
    setTouched(true);
    if (!registry || busy || username.trim() === '' || password === '') return;
    const input = { registry: registry.registry, username: username.trim(), password };
    const signedIn = await signingIn.run((client) => client.call('registries.signIn', input));
    if (!signedIn.ok) return;
    close();
    onSignedIn();
  };
  const onEnter = (event: { key: string }) => {
    if (event.key === 'Enter') void signIn();
  };
  return (
    <Dialog
      open={registry !== undefined}
      onClose={close}
      fullWidth
      maxWidth="xs"
      aria-labelledby="sign-in-title"
    >
      <DialogTitle id="sign-in-title">Sign in to {registry?.registry}</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <DialogContentText>
          The registry checks the login first. It is then saved the way docker login saves it, so
          the docker CLI is signed in too.
        </DialogContentText>
        <TextField
          autoFocus
          label="User name"
          autoComplete="username"
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          onKeyDown={onEnter}
          error={missingUser}
          helperText={missingUser ? 'A user name is needed.' : ' '}
        />
        <TextField
          label="Password or token"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          onKeyDown={onEnter}
          error={missingPassword}
          helperText={missingPassword ? 'A password or access token is needed.' : ' '}
        />
        <MutationErrorAlert mutation={signingIn} testId="sign-in-error" />
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Cancel</Button>
        <Button variant="contained" disabled={busy} onClick={() => void signIn()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
