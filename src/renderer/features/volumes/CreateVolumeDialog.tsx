import { TextField } from '@mui/material';
import { useState } from 'react';
import { parseLabelLines, volumeNameSchema } from '../../../shared';
import { useStowageMutation } from '../../api';
import { FormDialog } from '../../common/form/FormDialog';

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
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('local');
  const [labelText, setLabelText] = useState('');
  const creation = useStowageMutation();
  // The engine's refusal of a taken name belongs at the name, not in the alert.
  const taken = creation.error?.code === 'CONFLICT' ? creation.error.message : undefined;

  const nameProblem = name === '' ? undefined : (volumeNameProblem(name) ?? taken);
  const driverProblem =
    driver.trim() === '' ? 'Name a driver; local keeps files on this machine.' : undefined;
  const parsedLabels = parseLabelLines(labelText);
  const labelProblem = 'problem' in parsedLabels ? parsedLabels.problem : undefined;
  const ready = name !== '' && !nameProblem && !driverProblem && !labelProblem;

  const close = () => {
    setName('');
    setDriver('local');
    setLabelText('');
    creation.clear();
    onClose();
  };
  const create = async () => {
    if (!ready || !('labels' in parsedLabels)) return;
    const { labels } = parsedLabels;
    const created = await creation.run((client) =>
      client.call('volumes.create', { name, driver: driver.trim(), labels }),
    );
    if (!created.ok) return;
    onCreated(name);
    close();
  };

  return (
    <FormDialog
      open={open}
      title="Create a volume"
      submitLabel="Create"
      mutation={creation}
      disabled={!ready}
      showError={!taken}
      onClose={close}
      onSubmit={create}
    >
      <TextField
        autoFocus
        label="Name"
        placeholder="app-data"
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          creation.clear();
        }}
        error={nameProblem !== undefined}
        helperText={nameProblem ?? 'Letters, digits, _ . -; at least two characters.'}
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
    </FormDialog>
  );
}
