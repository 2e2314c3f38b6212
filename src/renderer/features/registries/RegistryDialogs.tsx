import { DialogContentText, TextField } from '@mui/material';
import { useState } from 'react';
import { registryAddressOf, type RegistrySummary } from '../../../shared';
import { useStowageMutation } from '../../api';
import { FormDialog } from '../../common/form/FormDialog';
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
  const problem = addressProblem(text);
  const address = registryAddressOf(text);
  const close = () => {
    setText('');
    adding.clear();
    onClose();
  };
  const add = async () => {
    if (!address) return;
    const added = await adding.run((client) =>
      client.call('registries.add', { registry: address }),
    );
    if (!added.ok) return;
    close();
    onAdded(added.value);
  };
  return (
    <FormDialog
      open={open}
      title="Add a registry"
      submitLabel="Add"
      mutation={adding}
      disabled={!address}
      onClose={close}
      onSubmit={add}
    >
      <TextField
        autoFocus
        fullWidth
        label="Registry address"
        placeholder="localhost:5000"
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={problem !== undefined}
        helperText={
          problem ??
          (address && address !== text.trim()
            ? `Added as ${address}.`
            : 'host[:port] or a URL. localhost and 127.0.0.1 are reached over http, others over https.')
        }
      />
    </FormDialog>
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
    if (!registry || username.trim() === '' || password === '') return;
    const input = { registry: registry.registry, username: username.trim(), password };
    const signedIn = await signingIn.run((client) => client.call('registries.signIn', input));
    if (!signedIn.ok) return;
    close();
    onSignedIn();
  };
  return (
    <FormDialog
      open={registry !== undefined}
      title={`Sign in to ${registry?.registry ?? ''}`}
      submitLabel="Sign in"
      mutation={signingIn}
      errorTestId="sign-in-error"
      maxWidth="xs"
      onClose={close}
      onSubmit={signIn}
    >
      <DialogContentText>
        The registry checks the login first. It is then saved the way docker login saves it, so the
        docker CLI is signed in too.
      </DialogContentText>
      <TextField
        autoFocus
        label="User name"
        autoComplete="username"
        value={username}
        onChange={(event) => setUsername(event.target.value)}
        error={missingUser}
        helperText={missingUser ? 'A user name is needed.' : ' '}
      />
      <TextField
        label="Password or token"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={missingPassword}
        helperText={missingPassword ? 'A password or access token is needed.' : ' '}
      />
    </FormDialog>
  );
}
