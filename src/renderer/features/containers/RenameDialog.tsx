import { TextField } from '@mui/material';
import { useState } from 'react';
import { containerNameSchema } from '../../../shared';
import { useStowageMutation } from '../../api';
import { FormDialog } from '../../common/form/FormDialog';

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
    <FormDialog
      title="Rename the container"
      submitLabel="Rename"
      mutation={renaming}
      disabled={problem !== undefined || name.trim() === current}
      maxWidth="xs"
      onClose={onClose}
      onSubmit={rename}
    >
      <TextField
        autoFocus
        fullWidth
        label="New name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={problem !== undefined}
        helperText={problem}
      />
    </FormDialog>
  );
}
